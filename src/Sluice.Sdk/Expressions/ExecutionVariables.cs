namespace Sluice.Sdk.Expressions;

/// <summary>The execution variables SageMaker resolves (the Python SDK's <c>ExecutionVariables</c>).</summary>
public static class ExecutionVariables
{
    /// <summary>When the execution started.</summary>
    public static ExecutionVariable StartDateTime { get; } = new("StartDateTime");

    /// <summary>The current time.</summary>
    public static ExecutionVariable CurrentDateTime { get; } = new("CurrentDateTime");

    /// <summary>The pipeline's name.</summary>
    public static ExecutionVariable PipelineName { get; } = new("PipelineName");

    /// <summary>The pipeline's ARN.</summary>
    public static ExecutionVariable PipelineArn { get; } = new("PipelineArn");

    /// <summary>The execution's id.</summary>
    public static ExecutionVariable PipelineExecutionId { get; } = new("PipelineExecutionId");

    /// <summary>The execution's ARN.</summary>
    public static ExecutionVariable PipelineExecutionArn { get; } = new("PipelineExecutionArn");

    /// <summary>The name of the training job of the step that reads it.</summary>
    public static ExecutionVariable TrainingJobName { get; } = new("TrainingJobName");

    /// <summary>The name of the processing job of the step that reads it.</summary>
    public static ExecutionVariable ProcessingJobName { get; } = new("ProcessingJobName");
}
