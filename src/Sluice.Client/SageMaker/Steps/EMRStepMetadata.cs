namespace Sluice.Client.SageMaker.Steps;

/// <summary>The configurations and outcomes of an Amazon EMR step execution.</summary>
public sealed record EMRStepMetadata
{
    /// <summary>The identifier of the EMR cluster.</summary>
    public string? ClusterId { get; init; }

    /// <summary>The identifier of the EMR cluster step.</summary>
    public string? StepId { get; init; }

    /// <summary>The name of the EMR cluster step.</summary>
    public string? StepName { get; init; }

    /// <summary>The path to the log file where the cluster step's failure root cause is recorded.</summary>
    public string? LogFilePath { get; init; }
}
