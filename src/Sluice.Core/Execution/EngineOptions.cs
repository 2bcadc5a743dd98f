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

    /// <summary>
    /// A waiting Callback step's safety re-check: how often it reads its token again although nothing woke it. An answer
    /// wakes the step at once (from this process, from another server through the store's change signal, or from a
    /// <c>sluice callback</c> sharing the data directory through its wake-up file); this interval only bounds how long a
    /// lost wake-up can delay it. 30 seconds by default.
    /// </summary>
    public TimeSpan CallbackPollInterval { get; init; } = TimeSpan.FromSeconds(30);
}
