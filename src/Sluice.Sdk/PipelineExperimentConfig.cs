using System.Text.Json.Nodes;
using Sluice.Sdk.Expressions;
using Sluice.Sdk.Serialization;

namespace Sluice.Sdk;

/// <summary>
/// The experiment and trial an execution's jobs are recorded under. <see cref="Default"/> (the pipeline's name and the
/// execution's id) is what the Python SDK writes unless told otherwise.
/// </summary>
/// <param name="ExperimentName">The experiment's name.</param>
/// <param name="TrialName">The trial's name.</param>
public sealed record PipelineExperimentConfig(PipelineValue ExperimentName, PipelineValue TrialName)
{
    /// <summary>The pipeline's name as the experiment and the execution's id as the trial.</summary>
    public static PipelineExperimentConfig Default { get; } = new(ExecutionVariables.PipelineName, ExecutionVariables.PipelineExecutionId);

    internal JsonObject Write(BuildContext context) =>
        new() { ["ExperimentName"] = ExperimentName.Write(context), ["TrialName"] = TrialName.Write(context) };
}
