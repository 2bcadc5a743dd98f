using System.Text.Json.Nodes;

namespace Sluice.Sdk.Parameters;

/// <summary>A Float parameter; its default is written as Python writes floats (<c>3500.0</c>).</summary>
/// <param name="name">The parameter's name.</param>
/// <param name="defaultValue">The value when an execution gives none; without one, every execution must give a value.</param>
public sealed class ParameterFloat(string name, double? defaultValue = null) : Parameter(name)
{
    /// <summary>The default value.</summary>
    public double? DefaultValue { get; } = defaultValue;

    /// <inheritdoc />
    public override string ParameterType => "Float";

    private protected override JsonNode? DefaultJson() => DefaultValue is { } value ? JsonValue.Create(value) : null;
}
