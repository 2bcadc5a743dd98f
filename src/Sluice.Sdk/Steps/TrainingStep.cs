using System.Text.Json.Nodes;
using Sluice.Sdk.Properties;
using Sluice.Sdk.Serialization;
using Sluice.Sdk.Training;

namespace Sluice.Sdk.Steps;

/// <summary>Runs a training job: <c>{"Type": "Training", "Arguments": CreateTrainingJob request}</c>.</summary>
/// <param name="name">The step's name.</param>
/// <param name="estimator">How the job runs.</param>
public sealed class TrainingStep(string name, Estimator estimator) : JobStep(name)
{
    /// <summary>How the job runs.</summary>
    public Estimator Estimator { get; set; } = estimator;

    /// <summary>The channels, by name, in order: <c>Inputs = { ["train"] = new TrainingInput(...) }</c>.</summary>
    public IDictionary<string, TrainingInput> Inputs { get; init; } = new OrderedDictionary<string, TrainingInput>();

    /// <summary>The step's properties: the DescribeTrainingJob response, e.g. <c>Properties.ModelArtifacts.S3ModelArtifacts</c>.</summary>
    public TrainingJobProperties Properties => RootProperties<TrainingJobProperties>();

    /// <inheritdoc />
    public override string StepType => "Training";

    internal override JsonNode WriteArguments(BuildContext context) => Estimator.WriteTrainingRequest(Inputs, context, Name);
}
