namespace Sluice.Client.SageMaker.Steps;

/// <summary>Metadata for a Condition step.</summary>
public sealed record ConditionStepMetadata
{
    /// <summary>The outcome of the Condition step evaluation. One of: <c>True</c>, <c>False</c>.</summary>
    public string? Outcome { get; init; }
}
