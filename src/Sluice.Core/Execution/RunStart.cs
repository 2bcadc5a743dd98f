using Sluice.Core.Storage;

namespace Sluice.Core.Execution;

/// <summary>Where an execution's run starts from.</summary>
/// <param name="Stored">Step records already stored: from an earlier process (resume), the failed run (retry), or copied from a source execution (selective execution).</param>
/// <param name="RetryFailed">Whether failed and stopped steps run again (RetryPipelineExecution).</param>
/// <param name="NotRun">Steps that never run in this execution (not selected in a selective execution).</param>
internal sealed record RunStart(IReadOnlyList<StepRecord> Stored, bool RetryFailed = false, IReadOnlySet<string>? NotRun = null)
{
    /// <summary>A fresh execution.</summary>
    public static RunStart Fresh { get; } = new([]);
}
