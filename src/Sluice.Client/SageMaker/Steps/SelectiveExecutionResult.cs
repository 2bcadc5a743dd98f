namespace Sluice.Client.SageMaker.Steps;

/// <summary>The ARN from an execution of the current pipeline.</summary>
public sealed record SelectiveExecutionResult
{
    /// <summary>The ARN from an execution of the current pipeline.</summary>
    public string? SourcePipelineExecutionArn { get; init; }
}
