namespace Sluice.Core.Storage;

/// <summary>
/// A whole state backend: every role in one object, as the composition root builds it and the engine takes it.
/// Everything else is handed only the roles it needs (a runner its records, the server's read handlers
/// <see cref="IStateQueries"/>). A backend implements this interface, passes the contract tests
/// (<c>tests/Sluice.Core.Tests/Storage/Contract</c>) through a subclass that creates it, and is chosen in the composition root.
/// </summary>
/// <remarks>
/// Writes are durable when their task completes. How a backend commits them is its own business (SQLite shares one
/// transaction among the writes queued meanwhile); coalescing step records before they reach the store is the
/// engine's (see <see cref="IExecutionStore.SaveStepsAsync(IReadOnlyCollection{StepRecord}, CancellationToken)"/>).
/// </remarks>
public interface ISluiceStore
    : IPipelineStore, IExecutionStore, ICacheStore, ICallbackStore, IQueueStore, IRegistryStore, IJobStore, IJobSlotStore, IIdempotencyStore, IStateQueries, IAsyncDisposable
{
    /// <summary>Creates the schema, or migrates it to the current version.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes once the store is ready for use.</returns>
    Task InitializeAsync(CancellationToken cancellationToken);
}
