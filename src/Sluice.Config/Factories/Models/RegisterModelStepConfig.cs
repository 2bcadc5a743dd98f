using Sluice.Config.Reading;
using Sluice.Config.Shared;
using Sluice.Sdk.Expressions;
using Sluice.Sdk.Models;

namespace Sluice.Config.Factories.Models;

/// <summary>
/// The config model of <see cref="RegisterModelStepFactory"/>: a model package version in
/// <c>model_package_group_name</c>, with <c>models</c> (each as a Model step's keys), <c>content_types</c>,
/// <c>response_types</c>, <c>inference_instances</c>, <c>transform_instances</c>, <c>model_metrics</c>,
/// <c>customer_metadata</c>, <c>domain</c>, <c>task</c>, <c>sample_payload_url</c>, <c>approval_status</c>
/// (<c>PendingManualApproval</c> unless given), <c>skip_model_validation</c> and <c>model_package_description</c>.
/// </summary>
/// <example>
/// <code>
/// step_name: RegisterModel
/// step_factory_class: RegisterModelStepFactory
/// model_package_group_name: diabetes-regressor
/// models:
///   - model_data: ${steps.TrainModel.ModelArtifacts.S3ModelArtifacts}
/// content_types: [text/csv]
/// response_types: [text/csv]
/// approval_status: ${parameters.ModelApprovalStatus}
/// </code>
/// </example>
public sealed record RegisterModelStepConfig
{
    /// <summary>The model package group.</summary>
    public required PipelineValue ModelPackageGroupName { get; init; }

    /// <summary>The package's description.</summary>
    public PipelineValue? Description { get; init; }

    /// <summary>The inference containers.</summary>
    public required IReadOnlyList<Model> Models { get; init; }

    /// <summary>The MIME types the model accepts.</summary>
    public IReadOnlyList<PipelineValue> ContentTypes { get; init; } = [];

    /// <summary>The MIME types the model answers with.</summary>
    public IReadOnlyList<PipelineValue> ResponseTypes { get; init; } = [];

    /// <summary>The instance types for real-time inference.</summary>
    public IReadOnlyList<PipelineValue> InferenceInstances { get; init; } = [];

    /// <summary>The instance types for batch transform.</summary>
    public IReadOnlyList<PipelineValue> TransformInstances { get; init; } = [];

    /// <summary>The metrics registered with the version.</summary>
    public ModelMetrics? ModelMetrics { get; init; }

    /// <summary>Free-form metadata.</summary>
    public IReadOnlyList<KeyValuePair<string, PipelineValue>> CustomerMetadata { get; init; } = [];

    /// <summary>The machine learning domain.</summary>
    public PipelineValue? Domain { get; init; }

    /// <summary>The task.</summary>
    public PipelineValue? Task { get; init; }

    /// <summary>Where a sample payload is.</summary>
    public PipelineValue? SamplePayloadUrl { get; init; }

    /// <summary>The approval status.</summary>
    public PipelineValue ApprovalStatus { get; init; } = "PendingManualApproval";

    /// <summary><c>All</c> or <c>None</c>.</summary>
    public PipelineValue? SkipModelValidation { get; init; }

    /// <summary>Reads the model from a step's configuration.</summary>
    /// <param name="section">The step file's top level.</param>
    /// <param name="shared">The shared configuration, for the models' image and role defaults.</param>
    /// <returns>The model.</returns>
    public static RegisterModelStepConfig Read(ConfigSection section, SharedConfig shared)
    {
        var models = section.Sections("models").Select(m => ModelReader.Read(m, shared)).ToList();
        return new RegisterModelStepConfig
        {
            ModelPackageGroupName = section.Value("model_package_group_name"),
            Description = section.OptionalValue("model_package_description"),
            Models = models.Count > 0 ? models : throw section.Missing("models", "a list of models, each with the keys of a Model step"),
            ContentTypes = section.Values("content_types"),
            ResponseTypes = section.Values("response_types"),
            InferenceInstances = section.Values("inference_instances"),
            TransformInstances = section.Values("transform_instances"),
            ModelMetrics = section.OptionalSection("model_metrics") is { } metrics ? ModelMetricsReader.Read(metrics) : null,
            CustomerMetadata = section.ValueMap("customer_metadata"),
            Domain = section.OptionalValue("domain"),
            Task = section.OptionalValue("task"),
            SamplePayloadUrl = section.OptionalValue("sample_payload_url"),
            ApprovalStatus = section.OptionalValue("approval_status") ?? "PendingManualApproval",
            SkipModelValidation = section.OptionalValue("skip_model_validation"),
        };
    }
}
