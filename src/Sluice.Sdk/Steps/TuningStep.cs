using System.Text.Json.Nodes;
using Sluice.Sdk.Expressions;
using Sluice.Sdk.Properties;
using Sluice.Sdk.Serialization;
using Sluice.Sdk.Training;

namespace Sluice.Sdk.Steps;

/// <summary>Runs a hyperparameter tuning job: <c>{"Type": "Tuning", "Arguments": CreateHyperParameterTuningJob request}</c>.</summary>
/// <param name="name">The step's name.</param>
/// <param name="tuner">How the search runs.</param>
public sealed class TuningStep(string name, HyperparameterTuner tuner) : JobStep(name)
{
    /// <summary>How the search runs.</summary>
    public HyperparameterTuner Tuner { get; set; } = tuner;

    /// <summary>The channels, by name, in order.</summary>
    public IDictionary<string, TrainingInput> Inputs { get; init; } = new OrderedDictionary<string, TrainingInput>();

    /// <summary>
    /// The step's properties: the DescribeHyperParameterTuningJob response and the training job summaries, best
    /// first, e.g. <c>Properties.TrainingJobSummaries[0].TrainingJobName</c>.
    /// </summary>
    public TuningJobProperties Properties => RootProperties<TuningJobProperties>();

    /// <inheritdoc />
    public override string StepType => "Tuning";

    /// <summary>
    /// The S3 URI of the model of the <paramref name="topK"/>-th best training job (0 is the best), as the Python SDK's
    /// <c>get_top_model_s3_uri</c> builds it: <c>s3://&lt;bucket&gt;/&lt;prefix&gt;/&lt;job&gt;/output/model.tar.gz</c>.
    /// </summary>
    /// <param name="topK">The rank, from 0.</param>
    /// <param name="s3Bucket">The bucket of the estimator's output path.</param>
    /// <param name="prefix">The key prefix of the estimator's output path.</param>
    /// <returns>The URI, built when the step runs.</returns>
    public Join GetTopModelS3Uri(int topK, string s3Bucket, string prefix = "") =>
        new("/", ["s3:/", s3Bucket, .. prefix.Length > 0 ? new PipelineValue[] { prefix } : [],
            Properties.TrainingJobSummaries[topK].TrainingJobName, "output/model.tar.gz"]);

    internal override JsonNode WriteArguments(BuildContext context) => Tuner.WriteTuningRequest(Inputs, context, Name);
}
