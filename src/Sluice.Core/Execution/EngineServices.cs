using Sluice.Core.Artifacts;
using Sluice.Core.Configuration;
using Sluice.Core.Storage;
using Sluice.Core.Watching;

namespace Sluice.Core.Execution;

/// <summary>What every execution of one engine shares.</summary>
internal sealed record EngineServices(
    ISluiceStore Store,
    EngineOptions Options,
    SluiceConfiguration Configuration,
    TimeProvider Time,
    StepRunnerRegistry Runners,
    IObjectStore Objects,
    SemaphoreSlim JobSlots,
    GlobalJobSlots GlobalJobSlots,
    StepWriter Steps,
    ChangeFeed Changes,
    CallbackWakeups CallbackWakeups)
{
    /// <summary>Stores an execution's record and tells the watchers.</summary>
    public async Task SaveExecutionAsync(ExecutionRecord record, CancellationToken cancellationToken)
    {
        await Store.UpdateExecutionAsync(record, cancellationToken);
        Changes.Publish(ExecutionChange.Of(record));
    }

    /// <summary>Stores an execution's end record with the final records of steps held back for it, in one write, and tells the watchers.</summary>
    public async Task FinishExecutionAsync(ExecutionRecord record, IReadOnlyCollection<StepRecord> steps, CancellationToken cancellationToken)
    {
        await Store.FinishExecutionAsync(record, steps, cancellationToken);
        foreach (var step in steps)
        {
            Changes.Publish(ExecutionChange.Of(step));
        }

        Changes.Publish(ExecutionChange.Of(record));
    }
}
