namespace Sluice.Core.Execution;

/// <summary>Settings of a <see cref="PipelineEngine"/>.</summary>
public sealed record EngineOptions
{
    /// <summary>The region written into ARNs.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>The 12-digit account written into ARNs.</summary>
    public string Account { get; init; } = "000000000000";

    /// <summary>The data directory: the store, the object store and job folders live here.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>How many job steps may run at once across all executions; steps evaluated in the engine take no slot.</summary>
    public int MaxConcurrentJobs { get; init; } = Environment.ProcessorCount;

    /// <summary>How often a Callback step looks for its answer, which may come from another process sharing the data directory.</summary>
    public TimeSpan CallbackPollInterval { get; init; } = TimeSpan.FromMilliseconds(250);
}
