namespace Sluice.Client.SageMaker;

/// <summary>Assigns a value to a named Pipeline parameter.</summary>
/// <param name="Name">The name of the parameter to assign a value to.</param>
/// <param name="Value">The literal value for the parameter.</param>
public sealed record Parameter(string Name, string Value);
