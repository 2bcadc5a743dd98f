namespace Sluice.Definitions;

/// <summary>The step types the SageMaker Python SDK emits, by their <c>Type</c> string.</summary>
public enum StepType
{
    /// <summary>A <c>Type</c> that SageMaker does not define.</summary>
    Unknown,

    /// <summary><c>Processing</c>: a CreateProcessingJob request.</summary>
    Processing,

    /// <summary><c>Training</c>: a CreateTrainingJob request (also what <c>@step</c> functions compile to).</summary>
    Training,

    /// <summary><c>Transform</c>: a CreateTransformJob request.</summary>
    Transform,

    /// <summary><c>Tuning</c>: a CreateHyperParameterTuningJob request.</summary>
    Tuning,

    /// <summary><c>Model</c>: a CreateModel request.</summary>
    Model,

    /// <summary><c>RegisterModel</c>: a CreateModelPackage request.</summary>
    RegisterModel,

    /// <summary><c>Condition</c>: conditions and the steps of both branches.</summary>
    Condition,

    /// <summary><c>Fail</c>: ends the execution with an error message.</summary>
    Fail,

    /// <summary><c>Lambda</c>: calls a function with the Arguments as its event.</summary>
    Lambda,

    /// <summary><c>Callback</c>: posts a message to a queue and waits for the answer.</summary>
    Callback,

    /// <summary><c>EMR</c>: a step on an EMR cluster.</summary>
    EMR,

    /// <summary><c>QualityCheck</c>: a Model Monitor data or model quality check.</summary>
    QualityCheck,

    /// <summary><c>ClarifyCheck</c>: a Clarify bias or explainability check.</summary>
    ClarifyCheck,

    /// <summary><c>AutoML</c>: a CreateAutoMLJob request.</summary>
    AutoML,

    /// <summary><c>EndpointConfig</c>: a CreateEndpointConfig request.</summary>
    EndpointConfig,

    /// <summary><c>Endpoint</c>: a CreateEndpoint request.</summary>
    Endpoint,

    /// <summary><c>InferenceComponent</c>: a CreateInferenceComponent request.</summary>
    InferenceComponent,

    /// <summary><c>BedrockCustomModel</c>.</summary>
    BedrockCustomModel,

    /// <summary><c>BedrockCustomModelDeployment</c>.</summary>
    BedrockCustomModelDeployment,

    /// <summary><c>BedrockModelImport</c>.</summary>
    BedrockModelImport,

    /// <summary><c>BedrockProvisionedModelThroughput</c>.</summary>
    BedrockProvisionedModelThroughput,

    /// <summary><c>Lineage</c>.</summary>
    Lineage,
}
