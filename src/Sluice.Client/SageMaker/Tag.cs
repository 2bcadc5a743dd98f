namespace Sluice.Client.SageMaker;

/// <summary>A tag object that consists of a key and an optional value, used to manage metadata for SageMaker Amazon Web Services resources.</summary>
/// <param name="Key">The tag key.</param>
/// <param name="Value">The tag value.</param>
public sealed record Tag(string Key, string Value);
