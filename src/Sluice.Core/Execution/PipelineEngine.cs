using System.Collections.Concurrent;
using System.Text.Json;
using Sluice.Core.Artifacts;
using Sluice.Core.Artifacts.Local;
using Sluice.Core.Configuration;
using Sluice.Core.Storage;
using Sluice.Core.Watching;
using Sluice.Definitions;
using Sluice.Definitions.Graph;
using Sluice.Definitions.Validation;

namespace Sluice.Core.Execution;

/// <summary>
/// Runs SageMaker pipelines on this machine: stores pipelines, starts, stops and resumes executions, and answers
/// Callback tokens. Hosts (the CLI's <c>sluice run</c>, the server) drive this class; it knows nothing of either.
/// Many executions run at once, each isolated; job steps across all of them share
/// <see cref="EngineOptions.MaxConcurrentJobs"/> slots.
/// </summary>
public sealed partial class PipelineEngine : IAsyncDisposable
{
    private static readonly TimeSpan StorePollInterval = TimeSpan.FromMilliseconds(200);

    private readonly EngineServices _services;
    private readonly ConcurrentDictionary<string, ExecutionRun> _runs = new(StringComparer.Ordinal);
    private const int MaxCachedDefinitions = 64;

    private readonly CancellationTokenSource _shutdown = new();
    private readonly ConcurrentDictionary<(string Arn, long Version), (string Text, PipelineDefinition Definition, PipelineGraph Graph)> _definitions = new();
    private readonly ConcurrentDictionary<(string Name, long Version), PipelineRecord> _pipelines = new();
    private readonly ClusterChanges? _cluster;
    private readonly CallbackWakeFile _wakeFile;
    private int _disposed;

    /// <summary>Creates an engine over a store.</summary>
    /// <param name="store">Where state lives; initialise it first.</param>
    /// <param name="options">Region, account, data directory and limits.</param>
    /// <param name="configuration">The user's configuration.</param>
    /// <param name="time">The clock (a fake one in tests).</param>
    /// <param name="runners">The step runners; the engine's own runners when <see langword="null"/>.</param>
    /// <param name="http">The HTTP client for Lambda stand-ins behind a URL.</param>
    /// <param name="objects">Where s3:// URIs resolve; the local folder <c>{data dir}/objects</c> when <see langword="null"/>, with the configuration's <c>store.durability</c>.</param>
    public PipelineEngine(
        ISluiceStore store,
        EngineOptions options,
        SluiceConfiguration configuration,
        TimeProvider time,
        StepRunnerRegistry? runners = null,
        HttpClient? http = null,
        IObjectStore? objects = null)
    {
        var changes = new ChangeFeed();
        var wakeups = new CallbackWakeups();
        _leases = new ExecutionLeases(store, time, configuration.LeaseDuration);
        _services = new EngineServices(
            store,
            options,
            configuration,
            time,
            runners ?? StepRunnerRegistry.CreateDefault(http ?? new HttpClient(), time),
            objects ?? new LocalObjectStore(Path.Combine(options.DataDirectory, "objects"), configuration.StoreDurability),
            new SemaphoreSlim(Math.Max(1, options.MaxConcurrentJobs)),
            new GlobalJobSlots(store, configuration.Jobs.GlobalSlots, _leases.Owner, time, configuration.LeaseDuration),
            new StepWriter(store, changes),
            changes,
            wakeups);
        _wakeFile = new CallbackWakeFile(options.DataDirectory, wakeups);
        _cluster = store is IChangeSignal signal ? new ClusterChanges(signal, store, changes, _leases.Owner, wakeups) : null;
        StartHeartbeat();
    }

    /// <summary>
    /// The store the engine keeps its state in, every role of it, for the composition root to hand on the roles that
    /// are not the engine's (a server's job, registry, queue and ClientRequestToken APIs). Pipelines, executions and
    /// steps are read through <see cref="Queries"/> and changed only through the engine's methods.
    /// </summary>
    public ISluiceStore Store => _services.Store;

    /// <summary>Reads pipelines, executions and steps, for hosts that show them; nothing it offers writes.</summary>
    public IStateQueries Queries => _services.Store;

    /// <summary>The object store steps read and write.</summary>
    public IObjectStore Objects => _services.Objects;

    /// <summary>The engine's settings (data directory, region and account of the ARNs it makes).</summary>
    public EngineOptions Options => _services.Options;

    /// <summary>The engine's clock.</summary>
    public TimeProvider Time => _services.Time;

    /// <summary>Starts an execution of a stored pipeline.</summary>
    /// <param name="request">What to run, with which parameters.</param>
    /// <param name="cancellationToken">Cancels the call (not the execution).</param>
    /// <returns>The new execution, Executing.</returns>
    /// <exception cref="ResourceNotFoundException">When the pipeline or version does not exist.</exception>
    /// <exception cref="ParameterBindingException">When the parameters do not fit.</exception>
    /// <exception cref="ClientTokenTakenException">When the request's ClientRequestToken is another request's (nothing was stored).</exception>
    public async Task<ExecutionRecord> StartExecutionAsync(StartExecutionRequest request, CancellationToken cancellationToken)
    {
        var name = Arns.PipelineName(request.PipelineName);
        var (pipeline, kept) = await PipelineForStartAsync(name, request.PipelineVersion, cancellationToken);
        if (kept)
        {
            // A kept version is checked in the start's write, against the stored definition: a pipeline deleted and
            // created again (by this server or another) may hold a version of the same number with another one. Then
            // nothing was stored, and the start reads the whole version again.
            if (await TryStartAsync(request, pipeline, cancellationToken) is { } started)
            {
                return started;
            }

            _pipelines.TryRemove((name, pipeline.Version), out _);
            pipeline = await _services.Store.GetPipelineAsync(name, request.PipelineVersion, cancellationToken)
                ?? throw NotFound(name, request.PipelineVersion);
            Keep(pipeline);
        }

        return await TryStartAsync(request, pipeline, cancellationToken) ?? throw NotFound(name, request.PipelineVersion);
    }

    /// <summary>
    /// The pipeline version a start runs: the head of the latest (or the asked-for) version read from the store every
    /// time, so a version added or a pipeline deleted by another server counts at once; the whole version (definition
    /// included) read only when this engine has not kept it. Whether it was kept.
    /// </summary>
    private async Task<(PipelineRecord Pipeline, bool Kept)> PipelineForStartAsync(string name, long? version, CancellationToken cancellationToken)
    {
        var head = await _services.Store.GetPipelineHeadAsync(name, version, cancellationToken) ?? throw NotFound(name, version);
        if (_pipelines.TryGetValue((name, head.Version), out var kept)
            && kept.Arn == head.Arn && kept.MaxParallelExecutionSteps == head.MaxParallelExecutionSteps)
        {
            return (kept, true);
        }

        var pipeline = await _services.Store.GetPipelineAsync(name, head.Version, cancellationToken) ?? throw NotFound(name, version);
        Keep(pipeline);
        return (pipeline, false);
    }

    /// <summary>Keeps a pipeline version for later starts (at most <see cref="MaxCachedDefinitions"/>).</summary>
    private void Keep(PipelineRecord pipeline)
    {
        if (_pipelines.Count >= MaxCachedDefinitions)
        {
            _pipelines.Clear();
        }

        _pipelines[(pipeline.Name, pipeline.Version)] = pipeline;
    }

    /// <summary>Starts an execution of <paramref name="pipeline"/>; <see langword="null"/> when that version is no longer stored with its definition.</summary>
    private async Task<ExecutionRecord?> TryStartAsync(StartExecutionRequest request, PipelineRecord pipeline, CancellationToken cancellationToken)
    {
        var (definition, graph) = Load(pipeline);
        var parameters = ParameterBinder.Bind(definition, request.Parameters);
        var now = _services.Time.GetUtcNow();
        var id = Arns.NewExecutionId();
        var arn = Arns.Execution(pipeline.Arn, id);
        var start = request.Selective is { } selective
            ? await SelectiveStart.PrepareAsync(_services.Store, graph, pipeline.Name, arn, selective, cancellationToken)
            : RunStart.Fresh;
        var record = new ExecutionRecord(
            arn, id, pipeline.Name, pipeline.Arn, pipeline.Version, ExecutionStatus.Executing, null,
            request.DisplayName ?? $"execution-{now.ToUnixTimeMilliseconds()}", request.Description, parameters.Texts,
            request.MaxParallelExecutionSteps ?? pipeline.MaxParallelExecutionSteps, request.Selective is { } s ? SelectiveStart.ToJson(s) : null, now, now);
        record = record with
        {
            Experiment = await ExperimentResolver.ResolveAsync(definition, record, parameters, _services.Objects, _services.Time, cancellationToken),
        };
        // The store decides against a concurrent DeletePipeline: either this execution is stored first (and the delete
        // is refused while it runs) or the pipeline is gone and nothing is stored. Never an execution without its pipeline.
        var token = request.ClientToken is { } t
            ? new ClientTokenWrite(new ClientTokenRecord(t.Operation, t.Token, t.RequestBody, t.ResponseFor(arn), now), t.AbandonedBefore, t.ForgetBefore)
            : null;
        var stored = await _services.Store.StartExecutionAsync(record, pipeline.DefinitionText, [.. start.Stored], token, cancellationToken);
        if (stored.Token is { } taken)
        {
            throw new ClientTokenTakenException(taken);
        }

        if (!stored.Stored)
        {
            return null;
        }

        _services.Changes.Publish(ExecutionChange.Of(record));

        // With several servers on one store, a heartbeat looking for unclaimed executions (another server's, or this
        // engine's own) may have taken it already: that one runs it.
        await LaunchIfClaimedAsync(record.Arn, () => new ExecutionRun(_services, definition, graph, record, parameters, start), cancellationToken);
        return record;
    }

    /// <summary>
    /// The engine's stream of changes: every execution and step record it stores from now on, in the order stored, for
    /// live views (the console, the CLI). It starts with a <see cref="ChangeKind.Resync"/> once the watch is in place
    /// (read the state then), and says Resync again whenever this watcher fell more than <paramref name="bufferSize"/>
    /// changes behind and lost some: the engine never waits for a watcher. Over a store several servers share
    /// (PostgreSQL), the changes other servers make are here too: their signals (LISTEN/NOTIFY) wake this engine up to
    /// read those executions from the store again, and a signal that may have been lost is a Resync.
    /// </summary>
    /// <param name="executionArn">Only this execution's changes; every execution's when <see langword="null"/>.</param>
    /// <param name="bufferSize">How many changes may wait for this watcher.</param>
    /// <param name="cancellationToken">Ends the watch (the enumeration then ends without an exception).</param>
    /// <returns>The changes.</returns>
    public IAsyncEnumerable<ExecutionChange> WatchAsync(string? executionArn = null, int bufferSize = 4096, CancellationToken cancellationToken = default) =>
        _services.Changes.WatchAsync(executionArn, bufferSize, cancellationToken);

    /// <summary>How many watches of <see cref="WatchAsync"/> are open now.</summary>
    public int WatcherCount => _services.Changes.WatcherCount;

    /// <summary>Resumes every execution the store holds as Executing or Stopping (after a crash or a restart).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The executions resumed.</returns>
    public async Task<IReadOnlyList<ExecutionRecord>> ResumeAsync(CancellationToken cancellationToken)
    {
        var resumed = new List<ExecutionRecord>();
        foreach (var execution in await _services.Store.ListUnfinishedExecutionsAsync(cancellationToken))
        {
            if (await ResumeOneAsync(execution, cancellationToken))
            {
                resumed.Add(execution);
            }
        }

        return resumed;
    }

    /// <summary>Resumes one unfinished execution, unless it runs here already, its pipeline is gone, or another server holds its lease.</summary>
    private async Task<bool> ResumeOneAsync(ExecutionRecord execution, CancellationToken cancellationToken)
    {
        if (!_claiming.TryAdd(execution.Arn, 0))
        {
            return false; // being started, retried or resumed by another call of this engine
        }

        try
        {
            return await ResumeClaimedAsync(execution, cancellationToken);
        }
        finally
        {
            _claiming.TryRemove(execution.Arn, out _);
        }
    }

    private async Task<bool> ResumeClaimedAsync(ExecutionRecord execution, CancellationToken cancellationToken)
    {
        if (_runs.ContainsKey(execution.Arn)
            || execution.Status is not (ExecutionStatus.Executing or ExecutionStatus.Stopping)
            || await _services.Store.GetPipelineAsync(execution.PipelineName, execution.PipelineVersion, cancellationToken) is not { } pipeline
            || !await _leases.TryAcquireAsync(execution.Arn, cancellationToken))
        {
            return false;
        }

        // Read again under the lease: the previous holder may have finished it just before its lease expired.
        if (_leases.Enabled)
        {
            if (await _services.Store.GetExecutionAsync(execution.Arn, cancellationToken) is not { Status: ExecutionStatus.Executing or ExecutionStatus.Stopping } current)
            {
                await _leases.ReleaseAsync(execution.Arn, cancellationToken);
                return false;
            }

            execution = current;
        }

        var (definition, graph) = Load(pipeline);
        var parameters = ParameterBinder.Bind(definition, execution.Parameters);
        var steps = await _services.Store.ListStepsAsync(execution.Arn, cancellationToken);
        Launch(new ExecutionRun(_services, definition, graph, execution, parameters, new RunStart(steps)));
        return true;
    }

    /// <summary>
    /// RetryPipelineExecution: runs a Failed or Stopped execution again from where it ended. Succeeded steps keep
    /// their results; failed and stopped steps run again, their attempts counted on; steps that never started run as
    /// usual.
    /// </summary>
    /// <param name="executionArn">The execution.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The execution, Executing again.</returns>
    /// <exception cref="ResourceNotFoundException">When there is no such execution.</exception>
    /// <exception cref="ConflictException">When the execution is not Failed or Stopped.</exception>
    public async Task<ExecutionRecord> RetryExecutionAsync(string executionArn, CancellationToken cancellationToken)
    {
        var stored = await _services.Store.GetExecutionAsync(executionArn, cancellationToken)
            ?? throw new ResourceNotFoundException($"Pipeline execution '{executionArn}' does not exist.");
        if (stored.Status is not (ExecutionStatus.Failed or ExecutionStatus.Stopped)
            || (_runs.TryGetValue(executionArn, out var previous) && !previous.Completion.IsCompleted))
        {
            throw new ConflictException($"Execution '{executionArn}' is {stored.Status}; only Failed or Stopped executions can be retried.");
        }

        var pipeline = await _services.Store.GetPipelineAsync(stored.PipelineName, stored.PipelineVersion, cancellationToken)
            ?? throw new ResourceNotFoundException($"Pipeline '{stored.PipelineName}' version {stored.PipelineVersion} no longer exists.");
        var (definition, graph) = Load(pipeline);
        var parameters = ParameterBinder.Bind(definition, stored.Parameters);
        var steps = await _services.Store.ListStepsAsync(executionArn, cancellationToken);
        var record = stored with { Status = ExecutionStatus.Executing, FailureReason = null, LastModifiedTime = _services.Time.GetUtcNow() };

        // The status read above is checked again in the write: of concurrent retries one runs, and a DeletePipeline
        // that took the execution meanwhile leaves nothing to retry.
        if (!await _services.Store.TryUpdateExecutionAsync(record, [ExecutionStatus.Failed, ExecutionStatus.Stopped], cancellationToken))
        {
            var now = await _services.Store.GetExecutionAsync(executionArn, cancellationToken)
                ?? throw new ResourceNotFoundException($"Pipeline execution '{executionArn}' does not exist.");
            throw new ConflictException($"Execution '{executionArn}' is {now.Status}; only Failed or Stopped executions can be retried.");
        }

        _services.Changes.Publish(ExecutionChange.Of(record));
        previous?.Dispose();
        await LaunchIfClaimedAsync(executionArn, () => new ExecutionRun(_services, definition, graph, record, parameters, new RunStart(steps, RetryFailed: true)), cancellationToken);
        return record;
    }

    /// <summary>Asks an execution to stop; it is Stopping until its running steps have stopped, then Stopped.</summary>
    /// <param name="executionArn">The execution.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The execution's record after the request.</returns>
    /// <exception cref="ResourceNotFoundException">When there is no such execution.</exception>
    /// <exception cref="ConflictException">When the execution has already ended.</exception>
    public async Task<ExecutionRecord> StopExecutionAsync(string executionArn, CancellationToken cancellationToken)
    {
        if (_runs.TryGetValue(executionArn, out var run))
        {
            var record = await run.RequestStopAsync(cancellationToken);
            return record.Status == ExecutionStatus.Stopping
                ? record
                : throw new ConflictException($"Execution '{executionArn}' has already ended ({record.Status}).");
        }

        var stored = await _services.Store.GetExecutionAsync(executionArn, cancellationToken)
            ?? throw new ResourceNotFoundException($"Pipeline execution '{executionArn}' does not exist.");
        if (stored.Status is not (ExecutionStatus.Executing or ExecutionStatus.Stopping))
        {
            throw new ConflictException($"Execution '{executionArn}' has already ended ({stored.Status}).");
        }

        // Run by another process sharing the data directory: it sees Stopping at its next look, or when it resumes.
        stored = stored with { Status = ExecutionStatus.Stopping, LastModifiedTime = _services.Time.GetUtcNow() };
        await _services.SaveExecutionAsync(stored, cancellationToken);
        return stored;
    }

    /// <summary>UpdatePipelineExecution: changes an execution's display name, description or parallelism.</summary>
    /// <param name="executionArn">The execution.</param>
    /// <param name="change">The change to its record; status and times are the engine's.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The updated record.</returns>
    /// <exception cref="ResourceNotFoundException">When there is no such execution.</exception>
    public async Task<ExecutionRecord> UpdateExecutionAsync(string executionArn, Func<ExecutionRecord, ExecutionRecord> change, CancellationToken cancellationToken)
    {
        var now = _services.Time.GetUtcNow();
        try
        {
            if (_runs.TryGetValue(executionArn, out var run) && !run.Completion.IsCompleted)
            {
                return await run.UpdateAsync(r => change(r) with { Status = r.Status, FailureReason = r.FailureReason, LastModifiedTime = now }, cancellationToken);
            }

            var stored = await _services.Store.GetExecutionAsync(executionArn, cancellationToken)
                ?? throw new ResourceNotFoundException($"Pipeline execution '{executionArn}' does not exist.");
            var updated = change(stored) with { Status = stored.Status, FailureReason = stored.FailureReason, LastModifiedTime = now };
            await _services.SaveExecutionAsync(updated, cancellationToken);
            return updated;
        }
        catch (KeyNotFoundException e)
        {
            // A finished execution deleted with its pipeline between the read and the write.
            throw new ResourceNotFoundException($"Pipeline execution '{executionArn}' does not exist.", e);
        }
    }

    /// <summary>Waits until an execution ends.</summary>
    /// <param name="executionArn">The execution.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>Its final record.</returns>
    /// <exception cref="ResourceNotFoundException">When there is no such execution.</exception>
    public async Task<ExecutionRecord> WaitAsync(string executionArn, CancellationToken cancellationToken)
    {
        if (_runs.TryGetValue(executionArn, out var run))
        {
            return await run.Completion.WaitAsync(cancellationToken);
        }

        while (true)
        {
            var record = await _services.Store.GetExecutionAsync(executionArn, cancellationToken)
                ?? throw new ResourceNotFoundException($"Pipeline execution '{executionArn}' does not exist.");
            if (record.Status is ExecutionStatus.Succeeded or ExecutionStatus.Failed or ExecutionStatus.Stopped)
            {
                return record;
            }

            await Task.Delay(StorePollInterval, _services.Time, cancellationToken);
        }
    }

    /// <summary>Answers a Callback token with success (SendPipelineExecutionStepSuccess).</summary>
    /// <param name="token">The token from the queue message.</param>
    /// <param name="outputParameters">The outputs, by name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The execution the token belongs to.</returns>
    public Task<string> SendStepSuccessAsync(string token, IReadOnlyList<ParameterValue> outputParameters, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(
            outputParameters.Select(p => new Dictionary<string, string> { ["Name"] = p.Name, ["Value"] = p.Value }).ToList(),
            CoreJsonContext.Default.ListDictionaryStringString);
        return CompleteCallbackAsync(token, CallbackStatus.Succeeded, json, null, cancellationToken);
    }

    /// <summary>Answers a Callback token with failure (SendPipelineExecutionStepFailure).</summary>
    /// <param name="token">The token from the queue message.</param>
    /// <param name="failureReason">Why the work failed.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The execution the token belongs to.</returns>
    public Task<string> SendStepFailureAsync(string token, string? failureReason, CancellationToken cancellationToken) =>
        CompleteCallbackAsync(token, CallbackStatus.Failed, null, failureReason, cancellationToken);

    /// <summary>Abandons running executions as they are (they resume at the next start) and releases resources.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _shutdown.CancelAsync();
        if (_heartbeat is not null)
        {
            await _heartbeat;
        }

        foreach (var run in _runs.Values)
        {
            try
            {
                await run.Completion;
            }
            catch (OperationCanceledException)
            {
                // abandoned as intended
            }

            run.Dispose();
        }

        foreach (var token in _runTokens.Values)
        {
            token.Dispose();
        }

        _shutdown.Dispose();
        await _services.Steps.DisposeAsync();
        _services.JobSlots.Dispose();
        await _services.GlobalJobSlots.DisposeAsync();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        _wakeFile.Dispose();
    }

    private async Task<string> CompleteCallbackAsync(string token, CallbackStatus status, string? outputs, string? reason, CancellationToken cancellationToken)
    {
        if (await _services.Store.CompleteCallbackAsync(token, status, outputs, reason, cancellationToken) is { } completed)
        {
            // Stored: wake the step waiting for it, here at once, in other processes on this data directory through the
            // wake-up file, on other servers through the change signal (sent now, not batched: a `sluice callback`
            // process may exit right after).
            _services.CallbackWakeups.Wake(token);
            _wakeFile.Touch(token);
            if (_cluster is not null)
            {
                await _cluster.SignalNowAsync(completed.ExecutionArn, cancellationToken);
            }

            return completed.ExecutionArn;
        }

        var existing = await _services.Store.GetCallbackAsync(token, cancellationToken)
            ?? throw new ResourceNotFoundException($"Callback token '{token}' does not exist.");
        throw new ConflictException($"Callback token '{token}' was already answered ({existing.Status}).");
    }

    /// <summary>A stored pipeline version's definition, read once and then kept (a version never changes).</summary>
    /// <param name="pipeline">The pipeline version.</param>
    /// <returns>Its definition.</returns>
    /// <exception cref="InvalidDefinitionException">When the stored text has errors (it was valid when stored).</exception>
    public PipelineDefinition DefinitionOf(PipelineRecord pipeline) => Load(pipeline).Definition;

    private (PipelineDefinition Definition, PipelineGraph Graph) Load(PipelineRecord pipeline)
    {
        var key = (pipeline.Arn, pipeline.Version);

        // The text is compared too: a pipeline deleted and created again reuses its ARN and version 1.
        if (_definitions.TryGetValue(key, out var cached) && cached.Text == pipeline.DefinitionText)
        {
            return (cached.Definition, cached.Graph);
        }

        var validation = DefinitionValidator.Validate(pipeline.DefinitionText);
        if (!validation.IsValid)
        {
            throw new InvalidDefinitionException(validation.Diagnostics);
        }

        if (_definitions.Count >= MaxCachedDefinitions)
        {
            _definitions.Clear();
        }

        _definitions[key] = (pipeline.DefinitionText, validation.Definition!, validation.Graph!);
        return (validation.Definition!, validation.Graph!);
    }

    private void Launch(ExecutionRun run)
    {
        var arn = run.Record.Arn;
        _runs[arn] = run;
        ReleaseWhenDone(run);
        var tokenSource = RunTokenSource(arn);
        run.Start(tokenSource?.Token ?? _shutdown.Token, ended: () => Forget(arn, run, tokenSource));
    }

    /// <summary>
    /// Lets go of a run whose execution has ended, its last record stored, just before its completion is signalled:
    /// a long-lived server keeps only the runs still going (an ended run holds its definition's state, its step
    /// records and its token sources, about 5 KB each, which grew without bound before). From then on the store
    /// answers for the execution, as for one that ended before this process started. Runs cancelled (shutdown, lease
    /// lost) or failed with an exception never get here; the paths that handle those keep them.
    /// </summary>
    private void Forget(string arn, ExecutionRun run, CancellationTokenSource? tokenSource)
    {
        // Only this run and its own token: a retry may have launched a new run of the execution meanwhile.
        if (tokenSource is not null && _runTokens.TryRemove(KeyValuePair.Create(arn, tokenSource)))
        {
            tokenSource.Dispose();
        }

        _runs.TryRemove(KeyValuePair.Create(arn, run));
    }

    /// <summary>Gets how many executions this engine holds in memory: those running here, and those it could not finish.</summary>
    internal int RunsHeld => _runs.Count;
}
