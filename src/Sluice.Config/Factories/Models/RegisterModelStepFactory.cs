using Sluice.Sdk.Steps;

namespace Sluice.Config.Factories.Models;

/// <summary>Builds a <see cref="RegisterModelStep"/> from a <see cref="RegisterModelStepConfig"/>.</summary>
[StepFactory("RegisterModelStepFactory")]
public sealed class RegisterModelStepFactory : StepFactory<RegisterModelStepConfig>
{
    /// <inheritdoc />
    public override RegisterModelStepConfig ReadConfig(StepConfig config) => RegisterModelStepConfig.Read(config.Section, config.Shared);

    /// <inheritdoc />
    public override Step CreateStep(RegisterModelStepConfig model, StepConfig config) => new RegisterModelStep(config.Name)
    {
        ModelPackageGroupName = model.ModelPackageGroupName,
        ModelPackageDescription = model.Description,
        Models = [.. model.Models],
        ContentTypes = [.. model.ContentTypes],
        ResponseTypes = [.. model.ResponseTypes],
        InferenceInstances = [.. model.InferenceInstances],
        TransformInstances = [.. model.TransformInstances],
        ModelMetrics = model.ModelMetrics,
        CustomerMetadataProperties = Fallbacks.Ordered(model.CustomerMetadata),
        Domain = model.Domain,
        Task = model.Task,
        SamplePayloadUrl = model.SamplePayloadUrl,
        ApprovalStatus = model.ApprovalStatus,
        SkipModelValidation = model.SkipModelValidation,
    };
}
