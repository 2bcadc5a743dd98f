using Sluice.Core.Storage;
using Sluice.Core.Watching;

namespace Sluice.Core.Tests.Watching;

public sealed class ChangeFeedTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Watch_Started_FirstSaysResyncThenChangesInOrder()
    {
        var feed = new ChangeFeed();
        await using var watch = feed.WatchAsync(null, 16, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);

        (await watch.MoveNextAsync()).ShouldBeTrue();
        watch.Current.Kind.ShouldBe(ChangeKind.Resync);
        feed.Publish(ExecutionChange.Of(Step("e1", "A", StepStatus.Executing)));
        feed.Publish(ExecutionChange.Of(Step("e1", "A", StepStatus.Succeeded)));

        (await watch.MoveNextAsync()).ShouldBeTrue();
        watch.Current.Step!.Status.ShouldBe(StepStatus.Executing);
        (await watch.MoveNextAsync()).ShouldBeTrue();
        watch.Current.Step!.Status.ShouldBe(StepStatus.Succeeded);
    }

    [Fact]
    public async Task Watch_OneExecution_SeesOnlyItsChanges()
    {
        var feed = new ChangeFeed();
        await using var watch = feed.WatchAsync("e2", 16, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);
        await watch.MoveNextAsync();

        feed.Publish(ExecutionChange.Of(Step("e1", "A", StepStatus.Executing)));
        feed.Publish(ExecutionChange.Of(Step("e2", "B", StepStatus.Executing)));

        (await watch.MoveNextAsync()).ShouldBeTrue();
        watch.Current.Step!.StepName.ShouldBe("B");
    }

    [Fact]
    public async Task Publish_WatcherBehindItsBuffer_DropsAndSaysResyncWithoutWaiting()
    {
        var feed = new ChangeFeed();
        await using var watch = feed.WatchAsync(null, 4, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);
        await watch.MoveNextAsync();

        for (var i = 0; i < 10_000; i++)
        {
            feed.Publish(ExecutionChange.Of(Step("e1", "S" + i, StepStatus.Executing))); // never blocks on the reader
        }

        (await watch.MoveNextAsync()).ShouldBeTrue();
        watch.Current.Kind.ShouldBe(ChangeKind.Resync); // state read now covers everything dropped
        feed.Publish(ExecutionChange.Of(Step("e1", "Last", StepStatus.Succeeded)));

        (await watch.MoveNextAsync()).ShouldBeTrue();
        watch.Current.Step!.StepName.ShouldBe("Last");
    }

    [Fact]
    public async Task Watch_Cancelled_EndsAndUnsubscribes()
    {
        var feed = new ChangeFeed();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var seen = new List<ChangeKind>();
        var reading = Task.Run(
            async () =>
            {
                await foreach (var change in feed.WatchAsync(null, 4, cancel.Token))
                {
                    seen.Add(change.Kind);
                }
            },
            TestContext.Current.CancellationToken);
        while (feed.WatcherCount == 0)
        {
            await Task.Yield();
        }

        await cancel.CancelAsync();
        await reading.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        seen.ShouldBe([ChangeKind.Resync]);
        feed.WatcherCount.ShouldBe(0);
    }

    private static StepRecord Step(string execution, string name, StepStatus status) =>
        new(execution, name, "Lambda", status, Now, null, 1, null, null, null, null, null, null, null);
}
