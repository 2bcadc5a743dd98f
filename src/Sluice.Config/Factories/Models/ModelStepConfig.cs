using Sluice.Config.Reading;
using Sluice.Config.Shared;
using Sluice.Sdk.Models;

namespace Sluice.Config.Factories.Models;

/// <summary>The config model of <see cref="ModelStepFactory"/>: the model to create, its keys at the step file's top level.</summary>
/// <example>
/// <code>
/// step_name: CreateModel
/// step_factory_class: ModelStepFactory
/// model_data: ${steps.TrainModel.ModelArtifacts.S3ModelArtifacts}
/// entry_point: inference.py
/// source_dir: s3://${shared.bucket}/code/train/sourcedir.tar.gz
/// </code>
/// </example>
public sealed record ModelStepConfig
{
    /// <summary>The model.</summary>
    public required Model Model { get; init; }

    /// <summary>Reads the model from a step's configuration.</summary>
    /// <param name="section">The step file's top level.</param>
    /// <param name="shared">The shared configuration, for the image and role defaults.</param>
    /// <returns>The model.</returns>
    public static ModelStepConfig Read(ConfigSection section, SharedConfig shared) => new() { Model = ModelReader.Read(section, shared) };
}
