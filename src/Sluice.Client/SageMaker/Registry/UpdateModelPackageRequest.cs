using System.Text.Json;

namespace Sluice.Client.SageMaker.Registry;

/// <summary>The request of <c>UpdateModelPackage</c>. Updates a versioned model.</summary>
public sealed record UpdateModelPackageRequest
{
    /// <summary>The Amazon Resource Name (ARN) of the model package.</summary>
    public required string ModelPackageArn { get; init; }

    /// <summary>The approval status of the model. One of: <c>Approved</c>, <c>Rejected</c>, <c>PendingManualApproval</c>.</summary>
    public string? ModelApprovalStatus { get; init; }

    /// <summary>The package registration type of the model package input. One of: <c>Logged</c>, <c>Registered</c>.</summary>
    public string? ModelPackageRegistrationType { get; init; }

    /// <summary>A description for the approval status of the model.</summary>
    public string? ApprovalDescription { get; init; }

    /// <summary>The metadata properties associated with the model package versions.</summary>
    public IReadOnlyDictionary<string, string>? CustomerMetadataProperties { get; init; }

    /// <summary>The metadata properties associated with the model package versions to remove.</summary>
    public IReadOnlyList<string>? CustomerMetadataPropertiesToRemove { get; init; }

    /// <summary>Additional inference specifications to add (botocore shape <c>AdditionalInferenceSpecificationDefinition</c>), each sent as the JSON given.</summary>
    public IReadOnlyList<JsonElement>? AdditionalInferenceSpecificationsToAdd { get; init; }

    /// <summary>The inference specification (botocore shape <c>InferenceSpecification</c>: <c>Containers</c>, <c>SupportedContentTypes</c>, ...), sent as the JSON given.</summary>
    public JsonElement? InferenceSpecification { get; init; }

    /// <summary>The URI of the source for the model package.</summary>
    public string? SourceUri { get; init; }

    /// <summary>The model card of the model package (botocore shape <c>ModelPackageModelCard</c>: <c>ModelCardContent</c>, <c>ModelCardStatus</c>), sent as the JSON given.</summary>
    public JsonElement? ModelCard { get; init; }

    /// <summary>A structure describing the current state of the model in its life cycle.</summary>
    public ModelLifeCycle? ModelLifeCycle { get; init; }

    /// <summary>A unique token that guarantees that the call to this API is idempotent.</summary>
    public string? ClientToken { get; init; }
}
