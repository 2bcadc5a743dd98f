namespace Sluice.Client.SageMaker;

/// <summary>An output parameter of a pipeline step.</summary>
/// <param name="Name">The name of the output parameter.</param>
/// <param name="Value">The value of the output parameter.</param>
public sealed record OutputParameter(string Name, string Value);
