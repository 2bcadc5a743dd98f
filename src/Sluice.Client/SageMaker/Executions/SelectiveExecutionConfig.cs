namespace Sluice.Client.SageMaker.Executions;

/// <summary>The selective execution configuration applied to the pipeline run.</summary>
/// <param name="SelectedSteps">A list of pipeline steps to run.</param>
/// <param name="SourcePipelineExecutionArn">The ARN from a reference execution of the current pipeline.</param>
public sealed record SelectiveExecutionConfig(IReadOnlyList<SelectedStep> SelectedSteps, string? SourcePipelineExecutionArn = null);
