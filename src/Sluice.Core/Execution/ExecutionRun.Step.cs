using System.Text.Json;
using Sluice.Core.Steps;
using Sluice.Core.Storage;
using Sluice.Definitions;
using Sluice.Definitions.Expressions.Evaluation;
using Sluice.Definitions.Validation;

namespace Sluice.Core.Execution;

/// <content>One step's life: arguments, cache, attempts and retries, and its final record.</content>
internal sealed partial class ExecutionRun
{
    private const int MaxJobNameLength = 63;

    private async Task<StepResult> RunStepAsync(StepState state, CancellationToken shutdown)
    {
        var step = state.Step;
        var time = _services.Time;
        var interrupted = state.Interrupted;
        var runner = _services.Runners.For(step.Type, step.TypeName);
        if (!interrupted && state.Record is { } previous)
        {
            // Retried: a new start, with the attempts of the failed run counted on.
            state.Record = previous with { Status = StepStatus.Starting, StartTime = time.GetUtcNow(), EndTime = null, FailureReason = null };
        }

        state.Record ??= new StepRecord(_record.Arn, step.Name, step.TypeName, StepStatus.Starting, time.GetUtcNow(), null, 0, null, null, null, null, null, null, null);
        if (!interrupted && !runner.FinishesAtOnce)
        {
            // Not awaited: the writer keeps records in order, and the execution's end waits for them all. Nor written at
            // once: it shares the commit of the next save (a job step's handle, or the step's end) if one comes soon.
            _deferredWrites.Add(_services.Steps.SaveLaterAsync(state.Record, shutdown));
        }

        var jobName = JobName(step.Name);
        var evaluation = _evaluation.ForStep(step, jobName);
        JsonElement arguments;
        try
        {
            // A Condition step's Arguments hold its branches' steps, whose expressions are theirs to resolve when they run.
            arguments = step.Arguments is { } raw && step.Type != StepType.Condition
                ? await ExpressionEvaluator.ResolveAsync(raw, evaluation, shutdown)
                : default;
        }
        catch (EvaluationException e)
        {
            return await SaveFinalAsync(state, new StepResult.Failed(e.Message, null), shutdown);
        }

        // What validation could not see, the values of expressions, is checked now, as SageMaker checks the job request.
        if (ArgumentShapeRules.FirstProblem(step.Type, arguments) is { } problem)
        {
            return await SaveFinalAsync(state, new StepResult.Failed($"ClientError: {problem}", null), shutdown);
        }

        string? cacheKey = null;
        if (step.CacheConfig is { Enabled: true } cache && CacheKeys.IsCacheable(step.Type) && !interrupted)
        {
            Dictionary<string, JsonElement> members = [];
            try
            {
                // A check step's key also reads members of the step itself (SkipCheck, ModelPackageGroupName, ...).
                foreach (var name in CacheKeyMembers.StepMembers(step.Type))
                {
                    if (step.Source.TryGetProperty(name, out var member))
                    {
                        members[name] = await ExpressionEvaluator.ResolveAsync(member, evaluation, shutdown);
                    }
                }
            }
            catch (EvaluationException e)
            {
                return await SaveFinalAsync(state, new StepResult.Failed(e.Message, null), shutdown);
            }

            cacheKey = CacheKeys.Compute(_record.PipelineName, step, arguments, members);
            var notBefore = cache.ExpireAfter is { } expiry ? time.GetUtcNow() - expiry : DateTimeOffset.MinValue;
            if (await _services.Store.FindCacheEntryAsync(cacheKey, notBefore, shutdown) is { } hit)
            {
                state.Record = state.Record with { CacheSourceExecutionArn = hit.ExecutionArn };
                var cached = new StepResult.Succeeded(Json.Parse(hit.PropertiesJson)) { Metadata = hit.MetadataJson is { } m ? Json.Parse(m) : null };
                return await SaveFinalAsync(state, cached, shutdown);
            }
        }

        var firstStart = state.Record.StartTime ?? time.GetUtcNow();
        var jobState = interrupted ? state.Record.JobJson : null;
        using var stopOrShutdown = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, shutdown);
        while (true)
        {
            StepResult result;
            if (interrupted && jobState is null && state.Record.Status == StepStatus.Executing && runner is not (ConditionStepRunner or FailStepRunner))
            {
                // The process running this attempt ended while it ran, and the runner left nothing to re-attach to. Job
                // runners save their job's handle and come back through the next branch: their job host re-attaches, or
                // reports the job lost with this same reason and exception type (Jobs/JobRun.cs), so both paths retry
                // or fail alike.
                result = new StepResult.Failed("the Sluice process running this step stopped before the step finished", "Step.SERVICE_FAULT");
            }
            else
            {
                result = await AttemptAsync(state, runner, arguments, evaluation, jobName, jobState, reattach: jobState is not null, shutdown);
            }

            interrupted = false;
            jobState = null;
            if (result is StepResult.Failed failed && !_stop.IsCancellationRequested
                && RetryDecision.NextDelay(step.RetryPolicies, failed.ExceptionType, state.Record.AttemptCount, time.GetUtcNow() - firstStart) is { } delay)
            {
                state.Record = state.Record with { Status = StepStatus.Starting, FailureReason = failed.Reason, NextAttemptTime = time.GetUtcNow() + delay, JobJson = null };
                await SaveAsync(state, shutdown);
                try
                {
                    await Task.Delay(delay, time, stopOrShutdown.Token);
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested && !shutdown.IsCancellationRequested)
                {
                    return await SaveFinalAsync(state, new StepResult.Stopped(), shutdown);
                }

                continue;
            }

            // The final record is written in order before anything a successor writes, so successors need not wait for it.
            // A step that finished without a job while no other step ran holds it back: it goes with the execution's
            // end record, or to the writer before another step starts (ExecutionRun.Schedule), so nothing of this
            // execution is written between it and what follows it.
            var hold = runner.FinishesAtOnce && cacheKey is null && Volatile.Read(ref _running) == 1;
            var final = await SaveFinalAsync(state, result, shutdown, deferred: true, hold: hold);
            if (final is StepResult.Succeeded succeeded && cacheKey is not null)
            {
                await _services.Store.AddCacheEntryAsync(
                    new CacheEntry(cacheKey, _record.Arn, step.Name, succeeded.Properties.GetRawText(), succeeded.Metadata?.GetRawText(), time.GetUtcNow()),
                    shutdown);
            }

            return final;
        }
    }

    private async Task<StepResult> AttemptAsync(
        StepState state,
        IStepRunner runner,
        JsonElement arguments,
        IEvaluationContext evaluation,
        string jobName,
        string? jobState,
        bool reattach,
        CancellationToken shutdown)
    {
        var slot = runner.UsesJobSlot;
        string? globalSlot = null;
        if (slot)
        {
            await _services.JobSlots.WaitAsync(shutdown);
        }

        try
        {
            if (slot)
            {
                globalSlot = await _services.GlobalJobSlots.AcquireAsync($"{_record.Arn}/{state.Step.Name}", shutdown);
            }

            state.Record = state.Record! with
            {
                Status = _stop.IsCancellationRequested ? StepStatus.Stopping : StepStatus.Executing,
                AttemptCount = reattach ? Math.Max(1, state.Record.AttemptCount) : state.Record.AttemptCount + 1,
                NextAttemptTime = null,
            };
            if (!runner.FinishesAtOnce)
            {
                // Not awaited either: a runner saves what it must find again after a crash (a job's handle) through
                // SaveJobStateAsync, which the writer lands after this record, so a crash before this record lands only
                // means the attempt is started again on resume; what must never be lost, a step's success, is written
                // in order before anything that depends on it. It shares the commit of the next save, the handle's
                // (or the step's end), when that comes within StepWriter.LaterDelay.
                _deferredWrites.Add(_services.Steps.SaveLaterAsync(state.Record, shutdown));
            }

            var context = new StepRunContext
            {
                Step = state.Step,
                Execution = Record,
                Arguments = arguments,
                Evaluation = evaluation,
                Callbacks = _services.Store,
                CallbackWakeups = _services.CallbackWakeups,
                Queues = _services.Store,
                Registry = _services.Store,
                Jobs = new StepJobStore(_services.Store, _services.Steps, _deferredWrites),
                Objects = _services.Objects,
                JobName = jobName,
                Time = _services.Time,
                Options = _services.Options,
                Configuration = _services.Configuration,
                Attempt = state.Record.AttemptCount,
                JobState = jobState,
                PublishMetadataAsync = async (metadata, cancellationToken) =>
                {
                    state.Record = state.Record! with { MetadataJson = metadata.GetRawText() };
                    await SaveAsync(state, cancellationToken);
                },
                SaveJobStateAsync = async (job, cancellationToken) =>
                {
                    state.Record = state.Record! with { JobJson = job };
                    await SaveAsync(state, cancellationToken);
                },
                StopRequested = _stop.Token,
            };
            return await runner.RunAsync(context, shutdown);
        }
        finally
        {
            if (slot)
            {
                await _services.GlobalJobSlots.ReleaseAsync(globalSlot);
                _services.JobSlots.Release();
            }
        }
    }

    private async Task<StepResult> SaveFinalAsync(StepState state, StepResult result, CancellationToken cancellationToken, bool deferred = false, bool hold = false)
    {
        var (status, reason, properties) = result switch
        {
            StepResult.Succeeded s => (StepStatus.Succeeded, (string?)null, (string?)s.Properties.GetRawText()),
            StepResult.Failed f => (StepStatus.Failed, f.Reason, null),
            _ => (StepStatus.Stopped, null, null),
        };
        state.Record = state.Record! with
        {
            Status = status,
            FailureReason = reason,
            EndTime = _services.Time.GetUtcNow(),
            PropertiesJson = properties,
            MetadataJson = result.Metadata?.GetRawText() ?? state.Record.MetadataJson,
            NextAttemptTime = null,
            JobJson = null,
        };
        if (result is StepResult.Succeeded succeeded)
        {
            _properties[state.Step.Name] = succeeded.Properties;
        }

        if (hold)
        {
            Hold(state);
            return result;
        }

        if (deferred)
        {
            // Successors may start while this record is being written: the writer keeps records in order, so none of
            // theirs can be durable before it, and the execution's end waits for them all.
            _deferredWrites.Add(SaveAsync(state, cancellationToken));
            return result;
        }

        await SaveAsync(state, cancellationToken);
        return result;
    }

    private async Task TrySaveFinalAsync(StepState state, StepResult result, CancellationToken cancellationToken)
    {
        if (state.Record is not null)
        {
            await SaveFinalAsync(state, result, cancellationToken);
        }
    }

    private Task SaveAsync(StepState state, CancellationToken cancellationToken) =>
        _services.Steps.SaveAsync(state.Record!, cancellationToken);

    /// <summary>The job name a step's job gets: <c>pipelines-{execution id}-{step name}</c>, at most 63 characters.</summary>
    private string JobName(string stepName)
    {
        var name = $"pipelines-{_record.ExecutionId}-{stepName}";
        return name.Length <= MaxJobNameLength ? name : name[..MaxJobNameLength].TrimEnd('-');
    }
}
