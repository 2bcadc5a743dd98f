using System.Globalization;
using System.Text.Json.Nodes;

namespace Sluice.Sdk.Steps;

/// <summary>An output of a Lambda or Callback step (the Python SDK's <c>LambdaOutput</c>/<c>CallbackOutput</c>): <c>{"OutputName", "OutputType"}</c>.</summary>
/// <param name="Name">The output's name; read it as <c>step.Properties.OutputParameters["name"]</c>.</param>
/// <param name="Type">The output's type; String unless given.</param>
public sealed record OutputParameter(string Name, OutputParameterType Type = OutputParameterType.String)
{
    /// <summary>The declaration as the definition writes it.</summary>
    /// <returns>A new JSON object.</returns>
    public JsonObject ToJson() => new() { ["OutputName"] = Name, ["OutputType"] = Type.ToString() };

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name}: {Type}");
}
