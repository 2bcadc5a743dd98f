namespace Sluice.Client.SageMaker.Executions;

/// <summary>The request of <c>ListPipelineParametersForExecution</c>. Gets a list of parameters for a pipeline execution.</summary>
public sealed record ListPipelineParametersForExecutionRequest
{
    /// <summary>The Amazon Resource Name (ARN) of the pipeline execution.</summary>
    public required string PipelineExecutionArn { get; init; }

    /// <summary>If the result of the previous <c>ListPipelineParametersForExecution</c> request was truncated, the response includes a <c>NextToken</c>.</summary>
    public string? NextToken { get; init; }

    /// <summary>The maximum number of parameters to return in the response.</summary>
    public int? MaxResults { get; init; }
}
