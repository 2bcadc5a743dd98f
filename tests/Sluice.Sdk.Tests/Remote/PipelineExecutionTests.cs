using Sluice.Client.SageMaker.Executions;
using Sluice.Client.SageMaker.Steps;
using Sluice.Sdk.Remote;
using Sluice.Sdk.Tests.Support;

namespace Sluice.Sdk.Tests.Remote;

public sealed class PipelineExecutionTests
{
    /// <summary>How long a test waits at most, in real time (the clients here run a fast clock, on which WaitAsync's own timeout would be 60 ms).</summary>
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WaitAsync_ConditionHolds_ReturnsSucceededAndListsTheSteps()
    {
        await using var server = await ServerHarness.StartAsync();
        using var client = server.SageMaker(new FastTimeProvider());
        var pipeline = RemotePipelines.Gate();
        await pipeline.UpsertAsync(client, RemotePipelines.Role, cancellationToken: Cancel);
        var execution = await pipeline.StartAsync(client, cancellationToken: Cancel);

        var final = await Bounded(execution.WaitAsync(cancellationToken: Cancel));

        final.PipelineExecutionStatus.ShouldBe(PipelineExecutionStatus.Succeeded);
        final.PipelineExecutionArn.ShouldBe(execution.Arn);
        final.FailureReason.ShouldBeNull();
        var steps = await execution.ListStepsAsync(Cancel);
        steps.ShouldHaveSingleItem().StepName.ShouldBe("Check");
        steps[0].StepStatus.ShouldBe(StepStatus.Succeeded);
        steps[0].Metadata?.Condition?.Outcome.ShouldBe("True");
    }

    [Fact]
    public async Task WaitAsync_FailStepReached_ReturnsFailedWithItsMessage()
    {
        await using var server = await ServerHarness.StartAsync();
        using var client = server.SageMaker(new FastTimeProvider());
        var pipeline = RemotePipelines.Gate();
        await pipeline.UpsertAsync(client, RemotePipelines.Role, cancellationToken: Cancel);
        var execution = await pipeline.StartAsync(client, new Dictionary<string, object> { ["Value"] = 12 }, cancellationToken: Cancel);

        var final = await Bounded(execution.WaitAsync(cancellationToken: Cancel));

        final.PipelineExecutionStatus.ShouldBe(PipelineExecutionStatus.Failed);
        final.FailureReason.ShouldNotBeNull().ShouldContain("value 12 is above 10.0");
        var steps = await execution.ListStepsAsync(Cancel);
        steps.Select(s => (s.StepName, s.StepStatus)).ShouldBe([("TooHigh", StepStatus.Failed), ("Check", StepStatus.Succeeded)], ignoreOrder: true);
    }

    [Fact]
    public async Task StopAsync_WhileACallbackWaits_EndsStoppedOnceTheCallbackIsAnswered()
    {
        await using var server = await ServerHarness.StartAsync();
        using var client = server.SageMaker(new FastTimeProvider());
        var pipeline = RemotePipelines.Approval();
        await pipeline.UpsertAsync(client, RemotePipelines.Role, cancellationToken: Cancel);
        var execution = await pipeline.StartAsync(client, cancellationToken: Cancel);
        var token = await RemotePipelines.CallbackTokenAsync(execution);

        await execution.StopAsync(Cancel);
        (await execution.DescribeAsync(Cancel)).PipelineExecutionStatus.ShouldBe(PipelineExecutionStatus.Stopping);
        await client.SendPipelineExecutionStepFailureAsync(new SendPipelineExecutionStepFailureRequest { CallbackToken = token, FailureReason = "stopped by the test" }, Cancel);
        var final = await Bounded(execution.WaitAsync(cancellationToken: Cancel));

        final.PipelineExecutionStatus.ShouldBe(PipelineExecutionStatus.Stopped);
        var steps = await execution.ListStepsAsync(Cancel);
        steps.ShouldHaveSingleItem().StepName.ShouldBe("Approve");
        steps[0].StepStatus.ShouldBe(StepStatus.Stopped);
    }

    [Fact]
    public async Task StopAsync_ExecutionEnded_ThrowsTheServicesConflict()
    {
        await using var server = await ServerHarness.StartAsync();
        using var client = server.SageMaker(new FastTimeProvider());
        var pipeline = RemotePipelines.Gate();
        await pipeline.UpsertAsync(client, RemotePipelines.Role, cancellationToken: Cancel);
        var execution = await pipeline.StartAsync(client, cancellationToken: Cancel);
        await Bounded(execution.WaitAsync(cancellationToken: Cancel));

        var error = await Should.ThrowAsync<Client.Http.AwsServiceException>(() => execution.StopAsync(Cancel));

        error.ErrorCode.ShouldBe("ConflictException");
    }

    [Fact]
    public async Task WaitAsync_WithStepProgress_ReportsEachStepChangeInStartOrder()
    {
        await using var server = await ServerHarness.StartAsync();
        using var client = server.SageMaker(new FastTimeProvider());
        var pipeline = RemotePipelines.Approval();
        await pipeline.UpsertAsync(client, RemotePipelines.Role, cancellationToken: Cancel);
        var execution = await pipeline.StartAsync(client, cancellationToken: Cancel);
        var token = await RemotePipelines.CallbackTokenAsync(execution);
        var changes = new StepLog();

        var waiting = Bounded(execution.WaitAsync(stepProgress: changes, cancellationToken: Cancel));
        await changes.Seen("Approve", StepStatus.Executing).WaitAsync(Minute, Cancel);
        await RemotePipelines.SucceedAsync(client, token, score: 7);
        var final = await waiting;

        final.PipelineExecutionStatus.ShouldBe(PipelineExecutionStatus.Succeeded);
        changes.Entries.ShouldBe([("Approve", StepStatus.Executing), ("Approve", StepStatus.Succeeded), ("Check", StepStatus.Succeeded)]);
    }

    [Fact]
    public async Task WaitAsync_TimeoutReached_ThrowsTimeoutExceptionAndLeavesTheExecutionRunning()
    {
        await using var server = await ServerHarness.StartAsync();
        using var client = server.SageMaker(new FastTimeProvider());
        var pipeline = RemotePipelines.Approval();
        await pipeline.UpsertAsync(client, RemotePipelines.Role, cancellationToken: Cancel);
        var execution = await pipeline.StartAsync(client, cancellationToken: Cancel);
        var token = await RemotePipelines.CallbackTokenAsync(execution);

        var error = await Should.ThrowAsync<TimeoutException>(() => execution.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken: Cancel));

        error.Message.ShouldContain(execution.Arn);
        error.Message.ShouldContain("it was Executing");
        (await execution.DescribeAsync(Cancel)).PipelineExecutionStatus.ShouldBe(PipelineExecutionStatus.Executing);
        await RemotePipelines.SucceedAsync(client, token, score: 7);
        (await Bounded(execution.WaitAsync(cancellationToken: Cancel))).PipelineExecutionStatus.ShouldBe(PipelineExecutionStatus.Succeeded);
    }

    [Fact]
    public async Task WaitAsync_Cancelled_ThrowsOperationCanceledNotTimeout()
    {
        await using var server = await ServerHarness.StartAsync();
        var time = new FastTimeProvider();
        using var client = server.SageMaker(time);
        var pipeline = RemotePipelines.Approval();
        await pipeline.UpsertAsync(client, RemotePipelines.Role, cancellationToken: Cancel);
        var execution = await pipeline.StartAsync(client, cancellationToken: Cancel);
        var token = await RemotePipelines.CallbackTokenAsync(execution);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        time.OnTimer = due =>
        {
            if (due == TimeSpan.FromSeconds(4))
            {
                cancel.Cancel();
            }
        };

        var error = await Should.ThrowAsync<OperationCanceledException>(() => execution.WaitAsync(cancellationToken: cancel.Token));

        error.ShouldNotBeOfType<TimeoutException>();
        await RemotePipelines.SucceedAsync(client, token, score: 7);
    }

    [Fact]
    public async Task WaitAsync_WhileRunning_BacksOffFromOneSecondDoublingToThirty()
    {
        await using var server = await ServerHarness.StartAsync();
        var time = new FastTimeProvider();
        using var client = server.SageMaker(time);
        var pipeline = RemotePipelines.Approval();
        await pipeline.UpsertAsync(client, RemotePipelines.Role, cancellationToken: Cancel);
        var execution = await pipeline.StartAsync(client, cancellationToken: Cancel);
        var token = await RemotePipelines.CallbackTokenAsync(execution);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var timers = 0;
        time.OnTimer = _ =>
        {
            if (++timers == 8)
            {
                cancel.Cancel();
            }
        };

        await Should.ThrowAsync<OperationCanceledException>(() => execution.WaitAsync(cancellationToken: cancel.Token));

        time.DueTimes.Select(d => d.TotalSeconds).ShouldBe([1, 2, 4, 8, 16, 30, 30, 30]);
        await RemotePipelines.SucceedAsync(client, token, score: 7);
    }

    [Fact]
    public async Task WaitAsync_PollDelaysSet_UsesThem()
    {
        await using var server = await ServerHarness.StartAsync();
        var time = new FastTimeProvider();
        using var client = server.SageMaker(time);
        var pipeline = RemotePipelines.Approval();
        await pipeline.UpsertAsync(client, RemotePipelines.Role, cancellationToken: Cancel);
        var execution = await pipeline.StartAsync(client, cancellationToken: Cancel);
        execution.PollDelay = TimeSpan.FromMilliseconds(100);
        execution.MaxPollDelay = TimeSpan.FromMilliseconds(250);
        var token = await RemotePipelines.CallbackTokenAsync(execution);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var timers = 0;
        time.OnTimer = _ =>
        {
            if (++timers == 4)
            {
                cancel.Cancel();
            }
        };

        await Should.ThrowAsync<OperationCanceledException>(() => execution.WaitAsync(cancellationToken: cancel.Token));

        time.DueTimes.Select(d => d.TotalMilliseconds).ShouldBe([100, 200, 250, 250]);
        await RemotePipelines.SucceedAsync(client, token, score: 7);
    }

    [Fact]
    public void PollDelay_NotPositive_IsRefused()
    {
        using var client = PipelineUpsertTests.Offline(new HttpClient());
        var execution = new PipelineExecution(client, "arn:aws:sagemaker:us-east-1:111122223333:pipeline/gate/execution/x");

        Should.Throw<ArgumentOutOfRangeException>(() => execution.PollDelay = TimeSpan.Zero);
        Should.Throw<ArgumentOutOfRangeException>(() => execution.MaxPollDelay = TimeSpan.FromSeconds(-1));
        execution.ToString().ShouldBe(execution.Arn);
    }

    private static Task<DescribePipelineExecutionResponse> Bounded(Task<DescribePipelineExecutionResponse> wait) => wait.WaitAsync(Minute, Cancel);

    /// <summary>A progress sink that records synchronously (unlike <see cref="Progress{T}"/>, which posts).</summary>
    private sealed class StepLog : IProgress<PipelineExecutionStep>
    {
        private readonly List<(string?, string?)> _entries = [];
        private readonly List<((string, string) Entry, TaskCompletionSource Seen)> _waiters = [];

        public IReadOnlyList<(string?, string?)> Entries
        {
            get
            {
                lock (_entries)
                {
                    return [.. _entries];
                }
            }
        }

        public Task Seen(string step, string status)
        {
            lock (_entries)
            {
                if (_entries.Contains((step, status)))
                {
                    return Task.CompletedTask;
                }

                var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add(((step, status), seen));
                return seen.Task;
            }
        }

        public void Report(PipelineExecutionStep value)
        {
            lock (_entries)
            {
                _entries.Add((value.StepName, value.StepStatus));
                foreach (var waiter in _waiters.Where(w => w.Entry == (value.StepName, value.StepStatus)))
                {
                    waiter.Seen.TrySetResult();
                }
            }
        }
    }
}
