using System.Text.Json.Nodes;
using Sluice.Sdk.Expressions;
using Sluice.Sdk.Serialization;

namespace Sluice.Sdk.Training;

/// <summary>
/// How a Tuning step searches (the Python SDK's <c>HyperparameterTuner</c>): training jobs of <see cref="Estimator"/>
/// with the ranged hyperparameters sampled, judged by <see cref="ObjectiveMetricName"/>.
/// </summary>
/// <param name="estimator">The training each trial runs.</param>
/// <param name="objectiveMetricName">The metric to judge trials by; one of the estimator's metric definitions.</param>
/// <param name="hyperparameterRanges">The tuned hyperparameters, by name, in order.</param>
public sealed class HyperparameterTuner(Estimator estimator, string objectiveMetricName, IDictionary<string, ParameterRange> hyperparameterRanges)
{
    /// <summary>The training each trial runs.</summary>
    public Estimator Estimator { get; } = estimator;

    /// <summary>The metric to judge trials by.</summary>
    public string ObjectiveMetricName { get; } = objectiveMetricName;

    /// <summary>The tuned hyperparameters.</summary>
    public IDictionary<string, ParameterRange> HyperparameterRanges { get; } = hyperparameterRanges;

    /// <summary><c>Maximize</c> (default) or <c>Minimize</c>.</summary>
    public string ObjectiveType { get; set; } = "Maximize";

    /// <summary><c>Bayesian</c> (default), <c>Random</c>, <c>Hyperband</c> or <c>Grid</c>.</summary>
    public string Strategy { get; set; } = "Bayesian";

    /// <summary>How many training jobs at most; 1 unless set.</summary>
    public PipelineValue MaxJobs { get; set; } = 1;

    /// <summary>How many training jobs at once; 1 unless set.</summary>
    public PipelineValue MaxParallelJobs { get; set; } = 1;

    /// <summary>The longest the tuning job may run, in seconds.</summary>
    public PipelineValue? MaxRuntimeInSeconds { get; set; }

    /// <summary><c>Off</c> (default) or <c>Auto</c>.</summary>
    public string EarlyStoppingType { get; set; } = "Off";

    /// <summary>A seed for the search, for repeatable sampling.</summary>
    public int? RandomSeed { get; set; }

    /// <summary>Writes a CreateHyperParameterTuningJob request for a Tuning step.</summary>
    internal JsonObject WriteTuningRequest(IEnumerable<KeyValuePair<string, TrainingInput>> inputs, BuildContext context, string stepName)
    {
        var limits = new JsonObject { ["MaxNumberOfTrainingJobs"] = MaxJobs.Write(context), ["MaxParallelTrainingJobs"] = MaxParallelJobs.Write(context) }
            .Put("MaxRuntimeInSeconds", MaxRuntimeInSeconds, context);
        var ranges = new JsonObject();
        foreach (var kind in (string[])["Continuous", "Categorical", "Integer"])
        {
            ranges[kind + "ParameterRanges"] = new JsonArray([.. HyperparameterRanges.Where(r => r.Value.Kind == kind).Select(r => (JsonNode)r.Value.Write(r.Key, context))]);
        }

        var config = new JsonObject
        {
            ["Strategy"] = Strategy,
            ["ResourceLimits"] = limits,
            ["TrainingJobEarlyStoppingType"] = EarlyStoppingType,
        }.Put("RandomSeed", RandomSeed);
        config["HyperParameterTuningJobObjective"] = new JsonObject { ["Type"] = ObjectiveType, ["MetricName"] = ObjectiveMetricName };
        config["ParameterRanges"] = ranges;

        return new JsonObject
        {
            ["HyperParameterTuningJobConfig"] = config,
            ["TrainingJobDefinition"] = WriteTrainingDefinition(inputs, context, stepName),
        };
    }

    private JsonObject WriteTrainingDefinition(IEnumerable<KeyValuePair<string, TrainingInput>> inputs, BuildContext context, string stepName)
    {
        var e = Estimator;
        var outputPath = e.ResolveOutputPath(context, stepName);
        var statics = new JsonObject();
        foreach (var (key, value) in e.HyperParameters.Where(h => !HyperparameterRanges.ContainsKey(h.Key)))
        {
            statics[key] = (value is PipelineVariable variable ? variable.ToStringExpression() : value.AsText(pythonBooleans: true)).Write(context);
        }

        foreach (var (key, value) in e.ScriptModeHyperParameters(context, stepName))
        {
            statics[key] = value;
        }

        var algorithm = new JsonObject { ["TrainingInputMode"] = e.InputMode.Write(context) };
        if (e.MetricDefinitions.Count > 0)
        {
            algorithm["MetricDefinitions"] = new JsonArray([.. e.MetricDefinitions.Select(m => (JsonNode)m.ToJson())]);
        }

        algorithm["TrainingImage"] = e.ImageUri.Write(context);
        var definition = new JsonObject
        {
            ["StaticHyperParameters"] = statics,
            ["RoleArn"] = e.Role.Write(context),
            ["OutputDataConfig"] = new JsonObject { ["S3OutputPath"] = outputPath.Write(context) }.Put("KmsKeyId", e.OutputKmsKey, context),
            ["StoppingCondition"] = e.WriteStoppingCondition(context),
            ["HyperParameterTuningResourceConfig"] = new JsonObject()
                .Put("VolumeKmsKeyId", e.VolumeKmsKey, context)
                .Put("InstanceCount", e.InstanceCount, context)
                .Put("InstanceType", e.InstanceType, context)
                .Put("VolumeSizeInGB", e.VolumeSizeInGB, context),
            ["AlgorithmSpecification"] = algorithm,
        };
        var channels = Estimator.WriteChannels(inputs, context);
        if (channels.Count > 0)
        {
            definition["InputDataConfig"] = channels;
        }

        e.WriteFlags(definition, context);
        if (e.Environment.Count > 0)
        {
            definition["Environment"] = Json.Map(e.Environment, context);
        }

        return definition;
    }
}
