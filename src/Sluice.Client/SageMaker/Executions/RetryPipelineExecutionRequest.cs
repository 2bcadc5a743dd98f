namespace Sluice.Client.SageMaker.Executions;

/// <summary>The request of <c>RetryPipelineExecution</c>. Retry the execution of the pipeline.</summary>
public sealed record RetryPipelineExecutionRequest
{
    /// <summary>The Amazon Resource Name (ARN) of the pipeline execution.</summary>
    public required string PipelineExecutionArn { get; init; }

    /// <summary>A unique, case-sensitive identifier that you provide to ensure the idempotency of the operation. Filled with a new UUID by the client when <see langword="null"/>.</summary>
    public string? ClientRequestToken { get; init; }

    /// <summary>This configuration, if specified, overrides the parallelism configuration of the parent pipeline.</summary>
    public ParallelismConfiguration? ParallelismConfiguration { get; init; }
}
