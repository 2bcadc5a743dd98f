using System.Text.Json.Nodes;

namespace Sluice.Sdk.Parameters;

/// <summary>A Boolean parameter.</summary>
/// <param name="name">The parameter's name.</param>
/// <param name="defaultValue">The value when an execution gives none; without one, every execution must give a value.</param>
public sealed class ParameterBoolean(string name, bool? defaultValue = null) : Parameter(name)
{
    /// <summary>The default value.</summary>
    public bool? DefaultValue { get; } = defaultValue;

    /// <inheritdoc />
    public override string ParameterType => "Boolean";

    private protected override JsonNode? DefaultJson() => DefaultValue is { } value ? JsonValue.Create(value) : null;
}
