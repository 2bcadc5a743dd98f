namespace Sluice.Client.SageMaker.Executions;

/// <summary>The request of <c>SendPipelineExecutionStepFailure</c>. Notifies the pipeline that the execution of a callback step failed, along with a message describing why.</summary>
public sealed record SendPipelineExecutionStepFailureRequest
{
    /// <summary>The pipeline generated token from the Amazon SQS queue.</summary>
    public required string CallbackToken { get; init; }

    /// <summary>A message describing why the step failed.</summary>
    public string? FailureReason { get; init; }

    /// <summary>A unique, case-sensitive identifier that you provide to ensure the idempotency of the operation. Filled with a new UUID by the client when <see langword="null"/>.</summary>
    public string? ClientRequestToken { get; init; }
}
