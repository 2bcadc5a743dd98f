namespace Sluice.Client.SageMaker.Executions;

/// <summary>The request of <c>SendPipelineExecutionStepSuccess</c>. Notifies the pipeline that the execution of a callback step succeeded and provides a list of the step's output parameters.</summary>
public sealed record SendPipelineExecutionStepSuccessRequest
{
    /// <summary>The pipeline generated token from the Amazon SQS queue.</summary>
    public required string CallbackToken { get; init; }

    /// <summary>A list of the output parameters of the callback step.</summary>
    public IReadOnlyList<OutputParameter>? OutputParameters { get; init; }

    /// <summary>A unique, case-sensitive identifier that you provide to ensure the idempotency of the operation. Filled with a new UUID by the client when <see langword="null"/>.</summary>
    public string? ClientRequestToken { get; init; }
}
