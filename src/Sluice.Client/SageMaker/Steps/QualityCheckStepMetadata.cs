namespace Sluice.Client.SageMaker.Steps;

/// <summary>Container for the metadata for a Quality check step.</summary>
public sealed record QualityCheckStepMetadata
{
    /// <summary>The type of the Quality check step.</summary>
    public string? CheckType { get; init; }

    /// <summary>The Amazon S3 URI of the baseline statistics file used for the drift check.</summary>
    public string? BaselineUsedForDriftCheckStatistics { get; init; }

    /// <summary>The Amazon S3 URI of the baseline constraints file used for the drift check.</summary>
    public string? BaselineUsedForDriftCheckConstraints { get; init; }

    /// <summary>The Amazon S3 URI of the newly calculated baseline statistics file.</summary>
    public string? CalculatedBaselineStatistics { get; init; }

    /// <summary>The Amazon S3 URI of the newly calculated baseline constraints file.</summary>
    public string? CalculatedBaselineConstraints { get; init; }

    /// <summary>The model package group name.</summary>
    public string? ModelPackageGroupName { get; init; }

    /// <summary>The Amazon S3 URI of violation report if violations are detected.</summary>
    public string? ViolationReport { get; init; }

    /// <summary>The Amazon Resource Name (ARN) of the Quality check processing job that was run by this step execution.</summary>
    public string? CheckJobArn { get; init; }

    /// <summary>This flag indicates if the drift check against the previous baseline will be skipped or not.</summary>
    public bool? SkipCheck { get; init; }

    /// <summary>This flag indicates if a newly calculated baseline can be accessed through step properties <c>BaselineUsedForDriftCheckConstraints</c> and <c>BaselineUsedForDriftCheckStatistics</c>.</summary>
    public bool? RegisterNewBaseline { get; init; }
}
