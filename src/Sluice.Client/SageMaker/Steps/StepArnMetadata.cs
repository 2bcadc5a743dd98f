namespace Sluice.Client.SageMaker.Steps;

/// <summary>
/// The metadata of a step whose outcome is one resource, named by its ARN (training, processing, transform and tuning
/// jobs, models, registered model packages, AutoML jobs, endpoints, endpoint configs, Bedrock resources, inference
/// components). botocore has one shape per kind (<c>TrainingJobStepMetadata</c>, ...); all are <c>{Arn}</c>, so one type serves.
/// </summary>
public sealed record StepArnMetadata
{
    /// <summary>The Amazon Resource Name (ARN) of the resource the step ran or created.</summary>
    public string? Arn { get; init; }
}
