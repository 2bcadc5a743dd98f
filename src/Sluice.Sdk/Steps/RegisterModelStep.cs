using System.Text.Json.Nodes;
using Sluice.Sdk.Expressions;
using Sluice.Sdk.Models;
using Sluice.Sdk.Properties;
using Sluice.Sdk.Serialization;

namespace Sluice.Sdk.Steps;

/// <summary>
/// Registers a model package version: <c>{"Type": "RegisterModel", "Arguments": CreateModelPackage request}</c>.
/// <see cref="ModelStep.Register"/> names it <c>&lt;name&gt;-RegisterModel</c>, as the Python SDK's <c>ModelStep</c>
/// does; this class takes the name as given.
/// </summary>
/// <param name="name">The step's name.</param>
public sealed class RegisterModelStep(string name) : ConfigurableRetryStep(name)
{
    /// <summary>The model package group the version goes to.</summary>
    public PipelineValue? ModelPackageGroupName { get; set; }

    /// <summary>The package's description (<c>ModelPackageDescription</c>).</summary>
    public PipelineValue? ModelPackageDescription { get; set; }

    /// <summary>The inference containers.</summary>
    public IList<Model> Models { get; init; } = [];

    /// <summary>The MIME types the model accepts (<c>SupportedContentTypes</c>).</summary>
    public IList<PipelineValue> ContentTypes { get; init; } = [];

    /// <summary>The MIME types the model answers with (<c>SupportedResponseMIMETypes</c>).</summary>
    public IList<PipelineValue> ResponseTypes { get; init; } = [];

    /// <summary>The instance types for real-time inference.</summary>
    public IList<PipelineValue> InferenceInstances { get; init; } = [];

    /// <summary>The instance types for batch transform.</summary>
    public IList<PipelineValue> TransformInstances { get; init; } = [];

    /// <summary>The metrics registered with the version.</summary>
    public ModelMetrics? ModelMetrics { get; set; }

    /// <summary>Free-form metadata of the version.</summary>
    public IDictionary<string, PipelineValue> CustomerMetadataProperties { get; init; } = new OrderedDictionary<string, PipelineValue>();

    /// <summary>The machine learning domain, e.g. <c>MACHINE_LEARNING</c>.</summary>
    public PipelineValue? Domain { get; set; }

    /// <summary>The task, e.g. <c>REGRESSION</c>.</summary>
    public PipelineValue? Task { get; set; }

    /// <summary>Where a sample payload is.</summary>
    public PipelineValue? SamplePayloadUrl { get; set; }

    /// <summary>The approval status: <c>PendingManualApproval</c> (default), <c>Approved</c> or <c>Rejected</c>.</summary>
    public PipelineValue ApprovalStatus { get; set; } = "PendingManualApproval";

    /// <summary><c>All</c> or <c>None</c>; left out unless set (the Python SDK writes <c>None</c>).</summary>
    public PipelineValue? SkipModelValidation { get; set; }

    /// <summary>The step's properties: the DescribeModelPackage response, e.g. <c>Properties.ModelPackageArn</c>.</summary>
    public ModelPackageProperties Properties => RootProperties<ModelPackageProperties>();

    /// <inheritdoc />
    public override string StepType => "RegisterModel";

    internal override JsonNode WriteArguments(BuildContext context)
    {
        var request = new JsonObject()
            .Put("ModelPackageGroupName", ModelPackageGroupName, context)
            .Put("ModelPackageDescription", ModelPackageDescription, context)
            .Put("ModelMetrics", ModelMetrics?.Write(context));
        if (CustomerMetadataProperties.Count > 0)
        {
            request["CustomerMetadataProperties"] = Json.Map(CustomerMetadataProperties, context);
        }

        request.Put("Domain", Domain, context).Put("SamplePayloadUrl", SamplePayloadUrl, context).Put("Task", Task, context);
        if (Models.Count > 0)
        {
            var specification = new JsonObject { ["Containers"] = new JsonArray([.. Models.Select(m => (JsonNode)m.WriteContainer(context))]) };
            if (ContentTypes.Count > 0)
            {
                specification["SupportedContentTypes"] = Json.Array(ContentTypes, context);
            }

            if (ResponseTypes.Count > 0)
            {
                specification["SupportedResponseMIMETypes"] = Json.Array(ResponseTypes, context);
            }

            if (InferenceInstances.Count > 0)
            {
                specification["SupportedRealtimeInferenceInstanceTypes"] = Json.Array(InferenceInstances, context);
            }

            if (TransformInstances.Count > 0)
            {
                specification["SupportedTransformInstanceTypes"] = Json.Array(TransformInstances, context);
            }

            request["InferenceSpecification"] = specification;
        }

        request["ModelApprovalStatus"] = ApprovalStatus.Write(context);
        return request.Put("SkipModelValidation", SkipModelValidation, context);
    }
}
