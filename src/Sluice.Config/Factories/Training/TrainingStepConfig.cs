using Sluice.Config.Reading;
using Sluice.Config.Shared;
using Sluice.Sdk.Training;

namespace Sluice.Config.Factories.Training;

/// <summary>
/// The config model of <see cref="TrainingStepFactory"/>: a training job, in script mode when <c>entry_point</c> is
/// given (<c>source_dir</c> a local folder, packed and uploaded, or an <c>s3://</c> <c>sourcedir.tar.gz</c>).
/// </summary>
/// <example>
/// <code>
/// step_name: TrainModel
/// step_factory_class: TrainingStepFactory
/// instance_type: ${parameters.TrainingInstanceType}
/// output_path: s3://${shared.bucket}/models
/// entry_point: train.py
/// source_dir: code/train
/// hyperparameters: {max_depth: "${parameters.MaxDepth}", n_estimators: "200"}
/// metric_definitions:
///   - {name: "validation:mse", regex: 'validation mse: ([0-9\.]+)'}
/// inputs:
///   train: {s3_data: "${steps.PrepareData.outputs.train}", content_type: text/csv}
/// </code>
/// </example>
public sealed record TrainingStepConfig
{
    /// <summary>How the job runs.</summary>
    public required Estimator Estimator { get; init; }

    /// <summary><c>inputs</c>: the channels by name, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, TrainingInput>> Inputs { get; init; } = [];

    /// <summary>Reads the model from a step's configuration.</summary>
    /// <param name="section">The step file's top level.</param>
    /// <param name="shared">The shared configuration, for defaults.</param>
    /// <returns>The model.</returns>
    public static TrainingStepConfig Read(ConfigSection section, SharedConfig shared) =>
        new() { Estimator = EstimatorReader.Read(section, shared), Inputs = TrainingInputReader.Read(section) };
}
