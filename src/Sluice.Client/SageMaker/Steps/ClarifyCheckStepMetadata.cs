namespace Sluice.Client.SageMaker.Steps;

/// <summary>The container for the metadata for the ClarifyCheck step.</summary>
public sealed record ClarifyCheckStepMetadata
{
    /// <summary>The type of the Clarify Check step.</summary>
    public string? CheckType { get; init; }

    /// <summary>The Amazon S3 URI of baseline constraints file to be used for the drift check.</summary>
    public string? BaselineUsedForDriftCheckConstraints { get; init; }

    /// <summary>The Amazon S3 URI of the newly calculated baseline constraints file.</summary>
    public string? CalculatedBaselineConstraints { get; init; }

    /// <summary>The model package group name.</summary>
    public string? ModelPackageGroupName { get; init; }

    /// <summary>The Amazon S3 URI of the violation report if violations are detected.</summary>
    public string? ViolationReport { get; init; }

    /// <summary>The Amazon Resource Name (ARN) of the check processing job that was run by this step's execution.</summary>
    public string? CheckJobArn { get; init; }

    /// <summary>This flag indicates if the drift check against the previous baseline will be skipped or not.</summary>
    public bool? SkipCheck { get; init; }

    /// <summary>This flag indicates if a newly calculated baseline can be accessed through step properties <c>BaselineUsedForDriftCheckConstraints</c> and <c>BaselineUsedForDriftCheckStatistics</c>.</summary>
    public bool? RegisterNewBaseline { get; init; }
}
