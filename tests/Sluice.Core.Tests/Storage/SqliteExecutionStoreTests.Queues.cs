using Sluice.Core.Storage;
using static Sluice.Core.Tests.Storage.StoreTestData;

namespace Sluice.Core.Tests.Storage;

/// <summary>Queue semantics: SQS-like visibility timeouts and receipt handles.</summary>
public sealed partial class SqliteExecutionStoreTests
{
    private static readonly TimeSpan Visibility = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task CreateQueueAsync_Twice_MakesOneQueue()
    {
        await store.CreateQueueAsync("q", T0, Ct);
        await store.CreateQueueAsync("q", T0.AddMinutes(1), Ct);

        (await store.ListQueuesAsync(Ct)).ShouldBe(["q"]);
        (await store.QueueExistsAsync("q", Ct)).ShouldBeTrue();
        (await store.QueueExistsAsync("missing", Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task ListQueuesAsync_SeveralQueues_ReturnsNamesInOrder()
    {
        foreach (var name in new[] { "b", "a-2", "a-1" })
        {
            await store.CreateQueueAsync(name, T0, Ct);
        }

        (await store.ListQueuesAsync(Ct)).ShouldBe(["a-1", "a-2", "b"]);
    }

    [Fact]
    public async Task DeleteQueueAsync_ExistingQueue_RemovesItAndItsMessages()
    {
        await store.SendMessageAsync("q", "m", T0, Ct);

        (await store.DeleteQueueAsync("q", Ct)).ShouldBeTrue();

        (await store.QueueExistsAsync("q", Ct)).ShouldBeFalse();
        (await store.DeleteQueueAsync("q", Ct)).ShouldBeFalse();
        await store.CreateQueueAsync("q", T0, Ct);
        (await store.CountMessagesAsync("q", T0, Ct)).ShouldBe(new QueueCounts(0, 0));
    }

    [Fact]
    public async Task SendMessageAsync_MissingQueue_CreatesItAndReturnsGuidIds()
    {
        var first = await store.SendMessageAsync("q", "one", T0, Ct);
        var second = await store.SendMessageAsync("q", "two", T0, Ct);

        (await store.QueueExistsAsync("q", Ct)).ShouldBeTrue();
        Guid.TryParse(first, out _).ShouldBeTrue();
        Guid.TryParse(second, out _).ShouldBeTrue();
        second.ShouldNotBe(first);
    }

    [Fact]
    public async Task ReceiveMessagesAsync_VisibleMessages_ReturnsOldestFirstUpToMax()
    {
        var later = await store.SendMessageAsync("q", "later", T0.AddSeconds(2), Ct);
        var earliest = await store.SendMessageAsync("q", "{\"ü\":\"🚀\"}", T0.AddMilliseconds(1), Ct);
        var sameTimeFirst = await store.SendMessageAsync("q", "same-1", T0.AddSeconds(1), Ct);
        await store.SendMessageAsync("q", "same-2", T0.AddSeconds(1), Ct);

        var received = await store.ReceiveMessagesAsync("q", 3, Visibility, T0.AddSeconds(5), Ct);

        received.Select(m => m.Body).ShouldBe(["{\"ü\":\"🚀\"}", "same-1", "same-2"]);
        received[0].MessageId.ShouldBe(earliest);
        received[0].SentTime.ShouldBe(T0.AddMilliseconds(1));
        received[1].MessageId.ShouldBe(sameTimeFirst);
        received.ShouldAllBe(m => m.ReceiveCount == 1);
        received.Select(m => m.ReceiptHandle).Distinct().Count().ShouldBe(3);
        (await store.ReceiveMessagesAsync("q", 10, Visibility, T0.AddSeconds(5), Ct)).Single().MessageId.ShouldBe(later);
    }

    [Fact]
    public async Task ReceiveMessagesAsync_MessageSentAfterNow_IsNotYetVisible()
    {
        await store.SendMessageAsync("q", "future", T0.AddSeconds(1), Ct);

        (await store.ReceiveMessagesAsync("q", 10, Visibility, T0, Ct)).ShouldBeEmpty();
        (await store.ReceiveMessagesAsync("q", 10, Visibility, T0.AddSeconds(1), Ct)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task ReceiveMessagesAsync_UnknownQueue_ReturnsNothing() =>
        (await store.ReceiveMessagesAsync("missing", 10, Visibility, T0, Ct)).ShouldBeEmpty();

    [Fact]
    public async Task ReceiveMessagesAsync_AfterVisibilityTimeout_RedeliversWithNewHandleAndStaleHandleFails()
    {
        await store.SendMessageAsync("q", "m", T0, Ct);
        var first = (await store.ReceiveMessagesAsync("q", 1, Visibility, T0, Ct)).Single();

        (await store.ReceiveMessagesAsync("q", 1, Visibility, T0.AddSeconds(29), Ct)).ShouldBeEmpty();
        var second = (await store.ReceiveMessagesAsync("q", 1, Visibility, T0.AddSeconds(30), Ct)).Single();

        second.MessageId.ShouldBe(first.MessageId);
        second.ReceiveCount.ShouldBe(2);
        second.ReceiptHandle.ShouldNotBe(first.ReceiptHandle);
        (await store.DeleteMessageAsync("q", first.ReceiptHandle, Ct)).ShouldBeFalse();
        (await store.ChangeMessageVisibilityAsync("q", first.ReceiptHandle, T0, Ct)).ShouldBeFalse();
        (await store.CountMessagesAsync("q", T0.AddSeconds(31), Ct)).ShouldBe(new QueueCounts(0, 1));
        (await store.DeleteMessageAsync("q", second.ReceiptHandle, Ct)).ShouldBeTrue();
        (await store.CountMessagesAsync("q", T0.AddHours(1), Ct)).ShouldBe(new QueueCounts(0, 0));
    }

    [Fact]
    public async Task DeleteMessageAsync_HandleOfAnotherQueue_ReturnsFalse()
    {
        await store.SendMessageAsync("q", "m", T0, Ct);
        await store.CreateQueueAsync("other", T0, Ct);
        var received = (await store.ReceiveMessagesAsync("q", 1, Visibility, T0, Ct)).Single();

        (await store.DeleteMessageAsync("other", received.ReceiptHandle, Ct)).ShouldBeFalse();
        (await store.ChangeMessageVisibilityAsync("other", received.ReceiptHandle, T0, Ct)).ShouldBeFalse();
        (await store.DeleteMessageAsync("q", "not-a-handle", Ct)).ShouldBeFalse();
        (await store.CountMessagesAsync("q", T0, Ct)).ShouldBe(new QueueCounts(0, 1));
    }

    [Fact]
    public async Task ChangeMessageVisibilityAsync_LatestHandle_MovesWhenTheMessageReappears()
    {
        await store.SendMessageAsync("q", "m", T0, Ct);
        var received = (await store.ReceiveMessagesAsync("q", 1, Visibility, T0, Ct)).Single();

        (await store.ChangeMessageVisibilityAsync("q", received.ReceiptHandle, T0.AddSeconds(5), Ct)).ShouldBeTrue();

        (await store.ReceiveMessagesAsync("q", 1, Visibility, T0.AddSeconds(4), Ct)).ShouldBeEmpty();
        (await store.ReceiveMessagesAsync("q", 1, Visibility, T0.AddSeconds(5), Ct)).Single().ReceiveCount.ShouldBe(2);
    }

    [Fact]
    public async Task CountMessagesAsync_ReceivedAndWaiting_CountsVisibleAndNotVisible()
    {
        for (var i = 0; i < 5; i++)
        {
            await store.SendMessageAsync("q", $"m{i}", T0, Ct);
        }

        await store.ReceiveMessagesAsync("q", 2, Visibility, T0, Ct);

        (await store.CountMessagesAsync("q", T0, Ct)).ShouldBe(new QueueCounts(3, 2));
        (await store.CountMessagesAsync("q", T0.AddSeconds(30), Ct)).ShouldBe(new QueueCounts(5, 0));
        (await store.CountMessagesAsync("missing", T0, Ct)).ShouldBe(new QueueCounts(0, 0));
    }

    [Fact]
    public async Task PurgeQueueAsync_QueueWithMessages_RemovesThemAndKeepsTheQueue()
    {
        await store.SendMessageAsync("q", "a", T0, Ct);
        await store.SendMessageAsync("q", "b", T0, Ct);
        await store.SendMessageAsync("other", "c", T0, Ct);
        await store.ReceiveMessagesAsync("q", 1, Visibility, T0, Ct);

        await store.PurgeQueueAsync("q", Ct);

        (await store.CountMessagesAsync("q", T0, Ct)).ShouldBe(new QueueCounts(0, 0));
        (await store.QueueExistsAsync("q", Ct)).ShouldBeTrue();
        (await store.CountMessagesAsync("other", T0, Ct)).ShouldBe(new QueueCounts(1, 0));
    }

    [Fact]
    public async Task ReceiveMessagesAsync_InvalidArguments_Throw()
    {
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => store.ReceiveMessagesAsync("q", 0, Visibility, T0, Ct));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() =>
            store.ReceiveMessagesAsync("q", 1, TimeSpan.FromSeconds(-1), T0, Ct));
    }
}
