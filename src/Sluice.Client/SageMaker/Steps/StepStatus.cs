namespace Sluice.Client.SageMaker.Steps;

/// <summary>The values of <see cref="PipelineExecutionStep.StepStatus"/>. They stay strings on the wire types, so a status added by the service later still reads.</summary>
public static class StepStatus
{
    /// <summary>The step is starting.</summary>
    public const string Starting = "Starting";

    /// <summary>The step is running.</summary>
    public const string Executing = "Executing";

    /// <summary>The step is being stopped.</summary>
    public const string Stopping = "Stopping";

    /// <summary>The step was stopped.</summary>
    public const string Stopped = "Stopped";

    /// <summary>The step failed.</summary>
    public const string Failed = "Failed";

    /// <summary>The step succeeded.</summary>
    public const string Succeeded = "Succeeded";
}
