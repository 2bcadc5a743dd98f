using System.Text.Json.Nodes;
using Sluice.Sdk.Expressions;
using Sluice.Sdk.Serialization;

namespace Sluice.Sdk.Parameters;

/// <summary>A String parameter, optionally limited to <see cref="EnumValues"/>.</summary>
/// <param name="name">The parameter's name.</param>
/// <param name="defaultValue">The value when an execution gives none; without one, every execution must give a value.</param>
/// <param name="enumValues">The values allowed, when limited.</param>
public sealed class ParameterString(string name, string? defaultValue = null, IReadOnlyList<string>? enumValues = null) : Parameter(name)
{
    /// <summary>The default value.</summary>
    public string? DefaultValue { get; } = defaultValue;

    /// <summary>The values allowed, when limited.</summary>
    public IReadOnlyList<string>? EnumValues { get; } = enumValues;

    /// <inheritdoc />
    public override string ParameterType => "String";

    /// <summary>The parameter itself: it already is a string.</summary>
    /// <returns>This parameter.</returns>
    public override PipelineVariable ToStringExpression() => this;

    private protected override JsonNode? DefaultJson() => DefaultValue is null ? null : JsonValue.Create(DefaultValue);

    private protected override void WriteExtra(JsonObject declaration)
    {
        if (EnumValues is { Count: > 0 })
        {
            declaration["EnumValues"] = Json.Strings(EnumValues);
        }
    }
}
