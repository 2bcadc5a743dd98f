using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Sluice.Core.Steps;
using Sluice.Core.Storage;
using Sluice.Definitions;
using Sluice.Definitions.Graph;

namespace Sluice.Core.Execution;

/// <summary>
/// Runs one execution's DAG: starts every step whose dependencies succeeded (within the execution's parallelism),
/// runs only the branch a Condition step takes, starts nothing new once a step has failed or a stop was asked for,
/// and ends the execution when nothing is running. Every state change is stored before it is acted on.
/// </summary>
internal sealed partial class ExecutionRun : IDisposable
{
    private readonly EngineServices _services;
    private readonly PipelineGraph _graph;
    private readonly IReadOnlyList<int> _order;
    private readonly StepState[] _steps;
    private readonly ConcurrentDictionary<string, JsonElement> _properties = new(StringComparer.Ordinal);
    private readonly RunEvaluationContext _evaluation;
    private readonly Channel<int> _completions = Channel.CreateUnbounded<int>();
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<ExecutionRecord> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private readonly int[] _waitingOn;
    private readonly int[] _position;
    private readonly PriorityQueue<int, int> _ready = new();
    private readonly ConcurrentBag<Task> _deferredWrites = [];
    private readonly List<StepState> _held = [];
    private ExecutionRecord _record;
    private int _running;
    private bool _failed;

    public ExecutionRun(EngineServices services, PipelineDefinition definition, PipelineGraph graph, ExecutionRecord record, BoundParameters parameters, RunStart start)
    {
        _services = services;
        _graph = graph;
        _order = graph.TopologicalOrder() ?? throw new InvalidOperationException("The definition's steps form a cycle.");
        _record = record;
        _evaluation = new RunEvaluationContext(definition, record, parameters, services.Objects, services.Time, _properties);
        _steps = [.. graph.Nodes.Select((step, node) => new StepState(node, step))];
        _position = new int[_steps.Length];
        for (var i = 0; i < _order.Count; i++)
        {
            _position[_order[i]] = i;
        }

        _waitingOn = [.. _steps.Select(s => graph.Predecessors(s.Node).Count)];
        Restore(start);
        foreach (var node in _order)
        {
            if (_steps[node].Phase == StepPhase.Done)
            {
                Release(_steps[node]);
            }
        }

        foreach (var node in _order)
        {
            if (_steps[node].Phase == StepPhase.Pending && _waitingOn[node] == 0)
            {
                _ready.Enqueue(node, _position[node]);
            }
        }
        if (record.Status == ExecutionStatus.Stopping)
        {
            _stop.Cancel();
        }
    }

    /// <summary>The execution's record as last stored.</summary>
    public ExecutionRecord Record
    {
        get
        {
            lock (_gate)
            {
                return _record;
            }
        }
    }

    /// <summary>Completes with the final record when the execution ends.</summary>
    public Task<ExecutionRecord> Completion => _finished.Task;

    /// <summary>Releases the stop signal; call once the run has ended or been abandoned.</summary>
    public void Dispose() => _stop.Dispose();

    /// <summary>Starts the scheduler loop in the background.</summary>
    /// <param name="shutdown">Abandons the run as it is (it resumes at the next start).</param>
    /// <param name="ended">Called once the execution has ended and its last record is stored, just before
    /// <see cref="Completion"/> completes; not called when the run is abandoned or fails with an exception.</param>
    public void Start(CancellationToken shutdown, Action? ended = null) => _ = Task.Run(() => RunAsync(ended, shutdown), CancellationToken.None);

    /// <summary>Changes the execution's own record (display name, description) without touching its progress.</summary>
    public async Task<ExecutionRecord> UpdateAsync(Func<ExecutionRecord, ExecutionRecord> change, CancellationToken cancellationToken)
    {
        ExecutionRecord record;
        lock (_gate)
        {
            _record = record = change(_record);
        }

        await _services.SaveExecutionAsync(record, cancellationToken);
        return record;
    }

    /// <summary>Asks the execution to stop: it becomes Stopping, running steps are stopped, and nothing new starts.</summary>
    public async Task<ExecutionRecord> RequestStopAsync(CancellationToken cancellationToken)
    {
        ExecutionRecord record;
        lock (_gate)
        {
            if (_record.Status != ExecutionStatus.Executing)
            {
                return _record;
            }

            _record = record = _record with { Status = ExecutionStatus.Stopping, LastModifiedTime = _services.Time.GetUtcNow() };
        }

        await _services.SaveExecutionAsync(record, cancellationToken);
        await _stop.CancelAsync();
        return record;
    }

    private async Task RunAsync(Action? ended, CancellationToken shutdown)
    {
        try
        {
            while (true)
            {
                Schedule(shutdown);
                if (_running == 0)
                {
                    break;
                }

                var node = await _completions.Reader.ReadAsync(shutdown);
                do
                {
                    _running--;
                    _steps[node].Phase = StepPhase.Done;
                    Release(_steps[node]);
                }
                while (_completions.Reader.TryRead(out node));
            }

            var final = await FinishAsync(shutdown);
            ended?.Invoke();
            _finished.TrySetResult(final);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            // The process is shutting down: the execution stays Executing in the store and resumes at the next start.
            _finished.TrySetCanceled(shutdown);
        }
        catch (Exception e)
        {
            _finished.TrySetException(e);
        }
    }

    /// <summary>Starts ready steps while the execution's parallelism allows, unless a step failed or a stop was asked for.</summary>
    private void Schedule(CancellationToken shutdown)
    {
        var limit = _record.MaxParallelExecutionSteps ?? int.MaxValue;
        while (!_failed && !_stop.IsCancellationRequested && _running < limit && _ready.TryDequeue(out var node, out _))
        {
            var state = _steps[node];
            if (state.Phase != StepPhase.Pending)
            {
                continue; // queued twice (restored predecessors release it too), or skipped since
            }

            SaveHeld(shutdown); // a held final record lands before anything this step writes
            state.Phase = StepPhase.Running;
            _running++;
            _ = Task.Run(() => RunStepAndReportAsync(state, shutdown), CancellationToken.None);
        }
    }

    /// <summary>
    /// Tells a finished step's successors: after a success each waits on one step fewer (and runs once it waits on
    /// none), unless it sits in the branch a Condition step did not take, which skips it and everything after it.
    /// After a failure or a stop, successors wait for ever and nothing new starts.
    /// </summary>
    private void Release(StepState done)
    {
        if (done.Result is not StepResult.Succeeded)
        {
            _failed |= done.Result is StepResult.Failed;
            return;
        }

        foreach (var next in _graph.Successors(done.Node))
        {
            var state = _steps[next];
            if (state.Phase != StepPhase.Pending)
            {
                continue;
            }

            if (ReferenceEquals(state.Step.Parent, done.Step) && !BranchTaken(done, state.Step.Branch))
            {
                Skip(state);
            }
            else if (--_waitingOn[next] == 0)
            {
                _ready.Enqueue(next, _position[next]);
            }
        }
    }

    private void Skip(StepState first)
    {
        var queue = new Queue<StepState>([first]);
        while (queue.TryDequeue(out var state))
        {
            if (state.Phase != StepPhase.Pending)
            {
                continue;
            }

            state.Phase = StepPhase.Skipped;
            foreach (var next in _graph.Successors(state.Node))
            {
                queue.Enqueue(_steps[next]);
            }
        }
    }

    private bool BranchTaken(StepState condition, ConditionBranch? branch)
    {
        var outcome = _properties.TryGetValue(condition.Step.Name, out var properties)
            && properties.TryGetProperty("Outcome", out var value) && value.GetString() == "True";
        return outcome == (branch == ConditionBranch.If);
    }

    private async Task RunStepAndReportAsync(StepState state, CancellationToken shutdown)
    {
        try
        {
            state.Result = await RunStepAsync(state, shutdown);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            return; // abandoned: the scheduler loop ends too, and the step resumes at the next start
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            state.Result = new StepResult.Failed($"Sluice failed while running the step: {e.Message}", null);
            await TrySaveFinalAsync(state, state.Result, shutdown);
        }

        _completions.Writer.TryWrite(state.Node);
    }

    private async Task<ExecutionRecord> FinishAsync(CancellationToken cancellationToken)
    {
        await _services.Steps.FlushAsync(cancellationToken); // what waits for a later save is written now

        await Task.WhenAll(_deferredWrites);
        await StopAbandonedStepsAsync(cancellationToken);
        var failed = _steps.Where(s => s.Phase == StepPhase.Done && s.Result is StepResult.Failed).OrderBy(s => s.Record?.EndTime).FirstOrDefault();
        ExecutionRecord record;
        lock (_gate)
        {
            var (status, reason) = _stop.IsCancellationRequested ? (ExecutionStatus.Stopped, (string?)null)
                : failed?.Result is StepResult.Failed f ? (ExecutionStatus.Failed, f.ExecutionFailureReason ?? $"Step '{failed.Step.Name}' failed: {f.Reason}")
                : (ExecutionStatus.Succeeded, null);
            _record = record = _record with { Status = status, FailureReason = reason, LastModifiedTime = _services.Time.GetUtcNow() };
        }

        var held = TakeHeld();
        if (held.Count == 0)
        {
            await _services.SaveExecutionAsync(record, cancellationToken);
        }
        else
        {
            // The steps that finished without a job and were held back end with the execution: one write for both.
            await _services.FinishExecutionAsync(record, held, cancellationToken);
        }

        return record;
    }

    /// <summary>Holds back a step's final record (see <see cref="StepState.Unsaved"/>).</summary>
    private void Hold(StepState state)
    {
        lock (_gate)
        {
            state.Unsaved = true;
            _held.Add(state);
        }
    }

    /// <summary>Hands the held final records to the writer, which keeps them in order before later saves.</summary>
    private void SaveHeld(CancellationToken shutdown)
    {
        lock (_gate)
        {
            if (_held.Count == 0)
            {
                return;
            }
        }

        foreach (var record in TakeHeld())
        {
            _deferredWrites.Add(_services.Steps.SaveAsync(record, shutdown));
        }
    }

    /// <summary>The held final records, no longer held.</summary>
    private List<StepRecord> TakeHeld()
    {
        lock (_gate)
        {
            var held = new List<StepRecord>(_held.Count);
            foreach (var state in _held)
            {
                state.Unsaved = false;
                held.Add(state.Record!);
            }

            _held.Clear();
            return held;
        }
    }

    /// <summary>
    /// Stores as Stopped the steps an earlier process left unfinished that this run never started again (it resumed an
    /// execution that was stopping, or one whose other step had failed): the execution ends now, so none of them runs
    /// any more, and a record that still said Executing would be a lie to <c>describe</c> and to a later retry.
    /// </summary>
    private async Task StopAbandonedStepsAsync(CancellationToken cancellationToken)
    {
        foreach (var state in _steps)
        {
            if (state.Phase == StepPhase.Pending && state.Interrupted
                && state.Record is { Status: StepStatus.Starting or StepStatus.Executing or StepStatus.Stopping })
            {
                state.Phase = StepPhase.Done;
                state.Result = new StepResult.Stopped();
                await SaveFinalAsync(state, state.Result, cancellationToken);
            }
        }
    }

    private void Restore(RunStart start)
    {
        var byName = _steps.ToDictionary(s => s.Step.Name, StringComparer.Ordinal);
        foreach (var record in start.Stored)
        {
            if (!byName.TryGetValue(record.StepName, out var state))
            {
                continue;
            }

            state.Record = record;
            switch (record.Status)
            {
                case StepStatus.Succeeded:
                    state.Phase = StepPhase.Done;
                    state.Result = new StepResult.Succeeded(record.PropertiesJson is { } p ? Json.Parse(p) : default);
                    if (record.PropertiesJson is not null)
                    {
                        _properties[record.StepName] = Json.Parse(record.PropertiesJson);
                    }

                    break;
                case StepStatus.Failed or StepStatus.Stopped when start.RetryFailed:
                    break; // RetryPipelineExecution: runs again, its attempts counted on
                case StepStatus.Starting or StepStatus.Executing or StepStatus.Stopping when start.RetryFailed:
                    // Left unfinished by a process that ended while the execution was stopping (a second Ctrl-C): the
                    // execution has ended since, so nothing runs this step any more. It runs again, as a stopped one would.
                    break;
                case StepStatus.Failed:
                    state.Phase = StepPhase.Done;
                    state.Result = new StepResult.Failed(record.FailureReason ?? string.Empty, null);
                    break;
                case StepStatus.Stopped:
                    state.Phase = StepPhase.Done;
                    state.Result = new StepResult.Stopped();
                    break;
                default:
                    state.Interrupted = true; // started by an earlier process: run again, re-attach, or retry
                    break;
            }
        }

        foreach (var name in start.NotRun ?? new HashSet<string>())
        {
            if (byName.TryGetValue(name, out var state) && state.Phase == StepPhase.Pending)
            {
                state.Phase = StepPhase.Skipped;
            }
        }
    }
}
