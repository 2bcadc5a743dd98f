namespace Sluice.Client.SageMaker.Steps;

/// <summary>The request of <c>ListPipelineExecutionSteps</c>. Gets a list of <c>PipeLineExecutionStep</c> objects.</summary>
public sealed record ListPipelineExecutionStepsRequest
{
    /// <summary>The Amazon Resource Name (ARN) of the pipeline execution.</summary>
    public string? PipelineExecutionArn { get; init; }

    /// <summary>If the result of the previous <c>ListPipelineExecutionSteps</c> request was truncated, the response includes a <c>NextToken</c>.</summary>
    public string? NextToken { get; init; }

    /// <summary>The maximum number of pipeline execution steps to return in the response.</summary>
    public int? MaxResults { get; init; }

    /// <summary>The field by which to sort results. One of: <c>Ascending</c>, <c>Descending</c>.</summary>
    public string? SortOrder { get; init; }
}
