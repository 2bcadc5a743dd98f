namespace Sluice.Client.SageMaker.Registry;

/// <summary>Provides summary information about a model package.</summary>
public sealed record ModelPackageSummary
{
    /// <summary>The name of the model package.</summary>
    public string? ModelPackageName { get; init; }

    /// <summary>If the model package is a versioned model, the model group that the versioned model belongs to.</summary>
    public string? ModelPackageGroupName { get; init; }

    /// <summary>If the model package is a versioned model, the version of the model.</summary>
    public int? ModelPackageVersion { get; init; }

    /// <summary>The Amazon Resource Name (ARN) of the model package.</summary>
    public string? ModelPackageArn { get; init; }

    /// <summary>A brief description of the model package.</summary>
    public string? ModelPackageDescription { get; init; }

    /// <summary>A timestamp that shows when the model package was created. Epoch seconds on the wire.</summary>
    public DateTimeOffset? CreationTime { get; init; }

    /// <summary>The overall status of the model package. One of: <c>Pending</c>, <c>InProgress</c>, <c>Completed</c>, <c>Failed</c>, <c>Deleting</c>.</summary>
    public string? ModelPackageStatus { get; init; }

    /// <summary>The approval status of the model. One of: <c>Approved</c>, <c>Rejected</c>, <c>PendingManualApproval</c>.</summary>
    public string? ModelApprovalStatus { get; init; }

    /// <summary>A structure describing the current state of the model in its life cycle.</summary>
    public ModelLifeCycle? ModelLifeCycle { get; init; }

    /// <summary>The package registration type of the model package summary. One of: <c>Logged</c>, <c>Registered</c>.</summary>
    public string? ModelPackageRegistrationType { get; init; }
}
