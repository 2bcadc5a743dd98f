namespace Sluice.Definitions;

/// <summary>An output a Lambda or Callback step declares in its <c>OutputParameters</c>.</summary>
/// <param name="Name">The <c>OutputName</c>, read as <c>Steps.S.OutputParameters['name']</c>.</param>
/// <param name="Type">The <c>OutputType</c>: String, Integer, Float or Boolean.</param>
public sealed record OutputParameterDefinition(string Name, ParameterType Type);
