using Sluice.Core.Storage;
using Sluice.Core.Tests.Support;
using Sluice.Core.Watching;
using static Sluice.Definitions.Tests.Support.Pipelines;

namespace Sluice.Core.Tests.Watching;

public sealed class EngineWatchTests
{
    [Fact]
    public async Task WatchAsync_ExecutionRuns_StreamsStepAndExecutionChangesAsStored()
    {
        await using var harness = await EngineHarness.CreateAsync();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var changes = new List<ExecutionChange>();
        var ended = new TaskCompletionSource();
        var watching = new TaskCompletionSource();
        var reading = Task.Run(
            async () =>
            {
                await foreach (var change in harness.Engine.WatchAsync(cancellationToken: cancel.Token))
                {
                    changes.Add(change);
                    watching.TrySetResult();
                    if (change.Execution?.Status is ExecutionStatus.Failed)
                    {
                        ended.TrySetResult();
                    }
                }
            },
            TestContext.Current.CancellationToken);
        await watching.Task;

        var execution = await harness.StartAsync(Definition(Condition("Check", Compare("Equals", 1, 2), [], [Fail("Stop", "no")])));
        await ended.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        await cancel.CancelAsync();
        await reading;

        changes[0].Kind.ShouldBe(ChangeKind.Resync);
        changes[1].Execution!.Status.ShouldBe(ExecutionStatus.Executing);
        changes.Where(c => c.Kind == ChangeKind.Step).Select(c => (c.Step!.StepName, c.Step.Status)).ShouldContain(("Check", StepStatus.Succeeded));
        changes.Where(c => c.Kind == ChangeKind.Step).Select(c => (c.Step!.StepName, c.Step.Status)).ShouldContain(("Stop", StepStatus.Failed));
        changes.ShouldAllBe(c => c.Kind == ChangeKind.Resync || c.ExecutionArn == execution.Arn);
        harness.Engine.WatcherCount.ShouldBe(0);
    }
}
