namespace Sluice.Core.Execution;

/// <summary>
/// What CreatePipeline and UpdatePipeline give. On an update, a member left <see langword="null"/> keeps the value of
/// the version the update builds on (the latest when its write runs, not when the request was read).
/// </summary>
public sealed record PipelineSettings
{
    /// <summary>Gets the definition JSON; required to create a pipeline.</summary>
    public string? DefinitionText { get; init; }

    /// <summary>Gets the RoleArn to record.</summary>
    public string? RoleArn { get; init; }

    /// <summary>Gets PipelineDescription.</summary>
    public string? Description { get; init; }

    /// <summary>Gets PipelineDisplayName.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Gets ParallelismConfiguration.MaxParallelExecutionSteps.</summary>
    public int? MaxParallelExecutionSteps { get; init; }
}
