using Sluice.Config.Factories.Training;
using Sluice.Config.Reading;
using Sluice.Config.Shared;
using Sluice.Definitions;
using Sluice.Sdk.Training;

namespace Sluice.Config.Factories.Tuning;

/// <summary>
/// The config model of <see cref="TuningStepFactory"/>: a hyperparameter tuning job. <c>estimator</c> is the training
/// each trial runs (the keys of a Training step, its <c>hyperparameters</c> the static ones);
/// <c>hyperparameter_ranges</c> maps each tuned hyperparameter to <c>{type: Continuous|Integer, min_value, max_value,
/// scaling_type}</c> or <c>{type: Categorical, values}</c>.
/// </summary>
/// <example>
/// <code>
/// step_name: TuneModel
/// step_factory_class: TuningStepFactory
/// estimator:
///   output_path: s3://${shared.bucket}/tuning
///   entry_point: train.py
///   source_dir: code/train
///   metric_definitions: [{name: "validation:mse", regex: 'validation mse: ([0-9\.]+)'}]
/// objective_metric_name: validation:mse
/// objective_type: Minimize
/// hyperparameter_ranges:
///   max_depth: {type: Integer, min_value: 2, max_value: 8}
/// max_jobs: 4
/// max_parallel_jobs: 2
/// inputs:
///   train: {s3_data: "${steps.PrepareData.outputs.train}"}
/// </code>
/// </example>
public sealed record TuningStepConfig
{
    private static readonly string[] ObjectiveTypes = ["Maximize", "Minimize"];
    private static readonly string[] Strategies = ["Bayesian", "Random", "Hyperband", "Grid"];
    private static readonly string[] EarlyStoppingTypes = ["Off", "Auto"];
    private static readonly string[] RangeTypes = ["Continuous", "Integer", "Categorical"];

    /// <summary>How the search runs.</summary>
    public required HyperparameterTuner Tuner { get; init; }

    /// <summary><c>inputs</c>: the channels by name, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, TrainingInput>> Inputs { get; init; } = [];

    /// <summary>Reads the model from a step's configuration.</summary>
    /// <param name="section">The step file's top level.</param>
    /// <param name="shared">The shared configuration, for defaults.</param>
    /// <returns>The model.</returns>
    public static TuningStepConfig Read(ConfigSection section, SharedConfig shared)
    {
        var estimator = EstimatorReader.Read(section.Section("estimator"), shared);
        var objective = section.Text("objective_metric_name");
        if (estimator.MetricDefinitions.Count > 0 && !estimator.MetricDefinitions.Any(m => m.Name == objective))
        {
            var names = estimator.MetricDefinitions.Select(m => m.Name).ToList();
            throw section.Error("objective_metric_name", $"'{objective}' is not one of the estimator's metric_definitions{Spelling.Hint(objective, names)}: {string.Join(", ", names)}");
        }

        var ranges = new OrderedDictionary<string, ParameterRange>(StringComparer.Ordinal);
        foreach (var (name, range) in section.NamedSections("hyperparameter_ranges"))
        {
            ranges[name] = ReadRange(range);
        }

        if (ranges.Count == 0)
        {
            throw section.Missing("hyperparameter_ranges");
        }

        var tuner = new HyperparameterTuner(estimator, objective, ranges)
        {
            ObjectiveType = OneOf(section, "objective_type", ObjectiveTypes) ?? "Maximize",
            Strategy = OneOf(section, "strategy", Strategies) ?? "Bayesian",
            MaxJobs = section.OptionalValue("max_jobs", ValueKind.Integer) ?? 1,
            MaxParallelJobs = section.OptionalValue("max_parallel_jobs", ValueKind.Integer) ?? 1,
            MaxRuntimeInSeconds = section.OptionalValue("max_runtime_in_seconds", ValueKind.Integer),
            EarlyStoppingType = OneOf(section, "early_stopping_type", EarlyStoppingTypes) ?? "Off",
            RandomSeed = section.OptionalInteger("random_seed"),
        };
        return new TuningStepConfig { Tuner = tuner, Inputs = TrainingInputReader.Read(section) };
    }

    private static ParameterRange ReadRange(ConfigSection range)
    {
        var type = range.Text("type");
        return type switch
        {
            "Continuous" => new ContinuousParameter(range.Value("min_value", ValueKind.Float), range.Value("max_value", ValueKind.Float), range.OptionalText("scaling_type") ?? "Auto"),
            "Integer" => new IntegerParameter(range.Value("min_value", ValueKind.Integer), range.Value("max_value", ValueKind.Integer), range.OptionalText("scaling_type") ?? "Auto"),
            "Categorical" => range.Values("values", ValueKind.Any) is { Count: > 0 } values ? new CategoricalParameter(values) : throw range.Missing("values"),
            _ => throw range.Error("type", $"unknown range type '{type}'{Spelling.Hint(type, RangeTypes)}; types: {string.Join(", ", RangeTypes)}"),
        };
    }

    private static string? OneOf(ConfigSection section, string key, string[] allowed) =>
        section.OptionalText(key) is not { } value ? null
            : allowed.Contains(value) ? value
            : throw section.Error(key, $"'{value}' is not one of {string.Join(", ", allowed)}{Spelling.Hint(value, allowed)}");
}
