namespace Sluice.Client.SageMaker.Executions;

/// <summary>Specifies the names of the experiment and trial created by a pipeline.</summary>
public sealed record PipelineExperimentConfig
{
    /// <summary>The name of the experiment.</summary>
    public string? ExperimentName { get; init; }

    /// <summary>The name of the trial.</summary>
    public string? TrialName { get; init; }
}
