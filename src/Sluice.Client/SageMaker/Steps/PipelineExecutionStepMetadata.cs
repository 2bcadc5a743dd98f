namespace Sluice.Client.SageMaker.Steps;

/// <summary>Metadata for a step execution.</summary>
public sealed record PipelineExecutionStepMetadata
{
    /// <summary>The Amazon Resource Name (ARN) of the training job that was run by this step execution.</summary>
    public StepArnMetadata? TrainingJob { get; init; }

    /// <summary>The Amazon Resource Name (ARN) of the processing job that was run by this step execution.</summary>
    public StepArnMetadata? ProcessingJob { get; init; }

    /// <summary>The Amazon Resource Name (ARN) of the transform job that was run by this step execution.</summary>
    public StepArnMetadata? TransformJob { get; init; }

    /// <summary>The Amazon Resource Name (ARN) of the tuning job that was run by this step execution.</summary>
    public StepArnMetadata? TuningJob { get; init; }

    /// <summary>The Amazon Resource Name (ARN) of the model that was created by this step execution.</summary>
    public StepArnMetadata? Model { get; init; }

    /// <summary>The Amazon Resource Name (ARN) of the model package that the model was registered to by this step execution.</summary>
    public StepArnMetadata? RegisterModel { get; init; }

    /// <summary>The outcome of the condition evaluation that was run by this step execution.</summary>
    public ConditionStepMetadata? Condition { get; init; }

    /// <summary>The URL of the Amazon SQS queue used by this step execution, the pipeline generated token, and a list of output parameters.</summary>
    public CallbackStepMetadata? Callback { get; init; }

    /// <summary>The Amazon Resource Name (ARN) of the Lambda function that was run by this step execution and a list of output parameters.</summary>
    public LambdaStepMetadata? Lambda { get; init; }

    /// <summary>The configurations and outcomes of an Amazon EMR step execution.</summary>
    public EMRStepMetadata? EMR { get; init; }

    /// <summary>The configurations and outcomes of the check step execution.</summary>
    public QualityCheckStepMetadata? QualityCheck { get; init; }

    /// <summary>Container for the metadata for a Clarify check step.</summary>
    public ClarifyCheckStepMetadata? ClarifyCheck { get; init; }

    /// <summary>The configurations and outcomes of a Fail step execution.</summary>
    public FailStepMetadata? Fail { get; init; }

    /// <summary>The Amazon Resource Name (ARN) of the AutoML job that was run by this step.</summary>
    public StepArnMetadata? AutoMLJob { get; init; }

    /// <summary>The endpoint that was invoked during this step execution.</summary>
    public StepArnMetadata? Endpoint { get; init; }

    /// <summary>The endpoint configuration used to create an endpoint during this step execution.</summary>
    public StepArnMetadata? EndpointConfig { get; init; }

    /// <summary>The metadata of the Amazon Bedrock custom model used in the pipeline execution step.</summary>
    public StepArnMetadata? BedrockCustomModel { get; init; }

    /// <summary>The metadata of the Amazon Bedrock custom model deployment used in pipeline execution step.</summary>
    public StepArnMetadata? BedrockCustomModelDeployment { get; init; }

    /// <summary>The metadata of the Amazon Bedrock provisioned model throughput used in the pipeline execution step.</summary>
    public StepArnMetadata? BedrockProvisionedModelThroughput { get; init; }

    /// <summary>The metadata of Amazon Bedrock model import used in pipeline execution step.</summary>
    public StepArnMetadata? BedrockModelImport { get; init; }

    /// <summary>The metadata of the inference component used in pipeline execution step.</summary>
    public StepArnMetadata? InferenceComponent { get; init; }

    /// <summary>The metadata of the lineage used in pipeline execution step.</summary>
    public LineageMetadata? Lineage { get; init; }
}
