namespace Sluice.Client.SageMaker.Steps;

/// <summary>The container for the metadata for Fail step.</summary>
public sealed record FailStepMetadata
{
    /// <summary>A message that you define and then is processed and rendered by the Fail step when the error occurs.</summary>
    public string? ErrorMessage { get; init; }
}
