namespace Sluice.Client.SageMaker.Steps;

/// <summary>Details on the cache hit of a pipeline execution step.</summary>
public sealed record CacheHitResult
{
    /// <summary>The Amazon Resource Name (ARN) of the pipeline execution.</summary>
    public string? SourcePipelineExecutionArn { get; init; }
}
