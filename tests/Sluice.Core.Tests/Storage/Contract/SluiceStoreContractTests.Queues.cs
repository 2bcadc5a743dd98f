using Sluice.Core.Storage;
using static Sluice.Core.Tests.Storage.StoreTestData;

namespace Sluice.Core.Tests.Storage.Contract;

/// <summary>Queue semantics: SQS-like visibility timeouts and receipt handles.</summary>
public abstract partial class SluiceStoreContractTests
{
    private static readonly TimeSpan Visibility = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task CreateQueueAsync_Twice_MakesOneQueue()
    {
        await Store.CreateQueueAsync("q", T0, Ct);
        await Store.CreateQueueAsync("q", T0.AddMinutes(1), Ct);

        (await Store.ListQueuesAsync(Ct)).ShouldBe(["q"]);
        (await Store.QueueExistsAsync("q", Ct)).ShouldBeTrue();
        (await Store.QueueExistsAsync("missing", Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task ListQueuesAsync_SeveralQueues_ReturnsNamesInOrder()
    {
        foreach (var name in new[] { "b", "a-2", "a-1" })
        {
            await Store.CreateQueueAsync(name, T0, Ct);
        }

        (await Store.ListQueuesAsync(Ct)).ShouldBe(["a-1", "a-2", "b"]);
    }

    [Fact]
    public async Task DeleteQueueAsync_ExistingQueue_RemovesItAndItsMessages()
    {
        await Store.SendMessageAsync("q", "m", T0, Ct);

        (await Store.DeleteQueueAsync("q", Ct)).ShouldBeTrue();

        (await Store.QueueExistsAsync("q", Ct)).ShouldBeFalse();
        (await Store.DeleteQueueAsync("q", Ct)).ShouldBeFalse();
        await Store.CreateQueueAsync("q", T0, Ct);
        (await Store.CountMessagesAsync("q", T0, Ct)).ShouldBe(new QueueCounts(0, 0));
    }

    [Fact]
    public async Task SendMessageAsync_MissingQueue_CreatesItAndReturnsGuidIds()
    {
        var first = await Store.SendMessageAsync("q", "one", T0, Ct);
        var second = await Store.SendMessageAsync("q", "two", T0, Ct);

        (await Store.QueueExistsAsync("q", Ct)).ShouldBeTrue();
        Guid.TryParse(first, out _).ShouldBeTrue();
        Guid.TryParse(second, out _).ShouldBeTrue();
        second.ShouldNotBe(first);
    }

    [Fact]
    public async Task ReceiveMessagesAsync_VisibleMessages_ReturnsOldestFirstUpToMax()
    {
        var later = await Store.SendMessageAsync("q", "later", T0.AddSeconds(2), Ct);
        var earliest = await Store.SendMessageAsync("q", "{\"ü\":\"🚀\"}", T0.AddMilliseconds(1), Ct);
        var sameTimeFirst = await Store.SendMessageAsync("q", "same-1", T0.AddSeconds(1), Ct);
        await Store.SendMessageAsync("q", "same-2", T0.AddSeconds(1), Ct);

        var received = await Store.ReceiveMessagesAsync("q", 3, Visibility, T0.AddSeconds(5), Ct);

        received.Select(m => m.Body).ShouldBe(["{\"ü\":\"🚀\"}", "same-1", "same-2"]);
        received[0].MessageId.ShouldBe(earliest);
        received[0].SentTime.ShouldBe(T0.AddMilliseconds(1));
        received[1].MessageId.ShouldBe(sameTimeFirst);
        received.ShouldAllBe(m => m.ReceiveCount == 1);
        received.Select(m => m.ReceiptHandle).Distinct().Count().ShouldBe(3);
        (await Store.ReceiveMessagesAsync("q", 10, Visibility, T0.AddSeconds(5), Ct)).Single().MessageId.ShouldBe(later);
    }

    [Fact]
    public async Task ReceiveMessagesAsync_MessageSentAfterNow_IsNotYetVisible()
    {
        await Store.SendMessageAsync("q", "future", T0.AddSeconds(1), Ct);

        (await Store.ReceiveMessagesAsync("q", 10, Visibility, T0, Ct)).ShouldBeEmpty();
        (await Store.ReceiveMessagesAsync("q", 10, Visibility, T0.AddSeconds(1), Ct)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task ReceiveMessagesAsync_UnknownQueue_ReturnsNothing() =>
        (await Store.ReceiveMessagesAsync("missing", 10, Visibility, T0, Ct)).ShouldBeEmpty();

    [Fact]
    public async Task ReceiveMessagesAsync_AfterVisibilityTimeout_RedeliversWithNewHandleAndStaleHandleFails()
    {
        await Store.SendMessageAsync("q", "m", T0, Ct);
        var first = (await Store.ReceiveMessagesAsync("q", 1, Visibility, T0, Ct)).Single();

        (await Store.ReceiveMessagesAsync("q", 1, Visibility, T0.AddSeconds(29), Ct)).ShouldBeEmpty();
        var second = (await Store.ReceiveMessagesAsync("q", 1, Visibility, T0.AddSeconds(30), Ct)).Single();

        second.MessageId.ShouldBe(first.MessageId);
        second.ReceiveCount.ShouldBe(2);
        second.ReceiptHandle.ShouldNotBe(first.ReceiptHandle);
        (await Store.DeleteMessageAsync("q", first.ReceiptHandle, Ct)).ShouldBeFalse();
        (await Store.ChangeMessageVisibilityAsync("q", first.ReceiptHandle, T0, Ct)).ShouldBeFalse();
        (await Store.CountMessagesAsync("q", T0.AddSeconds(31), Ct)).ShouldBe(new QueueCounts(0, 1));
        (await Store.DeleteMessageAsync("q", second.ReceiptHandle, Ct)).ShouldBeTrue();
        (await Store.CountMessagesAsync("q", T0.AddHours(1), Ct)).ShouldBe(new QueueCounts(0, 0));
    }

    [Fact]
    public async Task DeleteMessageAsync_HandleOfAnotherQueue_ReturnsFalse()
    {
        await Store.SendMessageAsync("q", "m", T0, Ct);
        await Store.CreateQueueAsync("other", T0, Ct);
        var received = (await Store.ReceiveMessagesAsync("q", 1, Visibility, T0, Ct)).Single();

        (await Store.DeleteMessageAsync("other", received.ReceiptHandle, Ct)).ShouldBeFalse();
        (await Store.ChangeMessageVisibilityAsync("other", received.ReceiptHandle, T0, Ct)).ShouldBeFalse();
        (await Store.DeleteMessageAsync("q", "not-a-handle", Ct)).ShouldBeFalse();
        (await Store.CountMessagesAsync("q", T0, Ct)).ShouldBe(new QueueCounts(0, 1));
    }

    [Fact]
    public async Task ChangeMessageVisibilityAsync_LatestHandle_MovesWhenTheMessageReappears()
    {
        await Store.SendMessageAsync("q", "m", T0, Ct);
        var received = (await Store.ReceiveMessagesAsync("q", 1, Visibility, T0, Ct)).Single();

        (await Store.ChangeMessageVisibilityAsync("q", received.ReceiptHandle, T0.AddSeconds(5), Ct)).ShouldBeTrue();

        (await Store.ReceiveMessagesAsync("q", 1, Visibility, T0.AddSeconds(4), Ct)).ShouldBeEmpty();
        (await Store.ReceiveMessagesAsync("q", 1, Visibility, T0.AddSeconds(5), Ct)).Single().ReceiveCount.ShouldBe(2);
    }

    [Fact]
    public async Task CountMessagesAsync_ReceivedAndWaiting_CountsVisibleAndNotVisible()
    {
        for (var i = 0; i < 5; i++)
        {
            await Store.SendMessageAsync("q", $"m{i}", T0, Ct);
        }

        await Store.ReceiveMessagesAsync("q", 2, Visibility, T0, Ct);

        (await Store.CountMessagesAsync("q", T0, Ct)).ShouldBe(new QueueCounts(3, 2));
        (await Store.CountMessagesAsync("q", T0.AddSeconds(30), Ct)).ShouldBe(new QueueCounts(5, 0));
        (await Store.CountMessagesAsync("missing", T0, Ct)).ShouldBe(new QueueCounts(0, 0));
    }

    [Fact]
    public async Task PurgeQueueAsync_QueueWithMessages_RemovesThemAndKeepsTheQueue()
    {
        await Store.SendMessageAsync("q", "a", T0, Ct);
        await Store.SendMessageAsync("q", "b", T0, Ct);
        await Store.SendMessageAsync("other", "c", T0, Ct);
        await Store.ReceiveMessagesAsync("q", 1, Visibility, T0, Ct);

        await Store.PurgeQueueAsync("q", Ct);

        (await Store.CountMessagesAsync("q", T0, Ct)).ShouldBe(new QueueCounts(0, 0));
        (await Store.QueueExistsAsync("q", Ct)).ShouldBeTrue();
        (await Store.CountMessagesAsync("other", T0, Ct)).ShouldBe(new QueueCounts(1, 0));
    }

    [Fact]
    public async Task ReceiveMessagesAsync_InvalidArguments_Throw()
    {
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => Store.ReceiveMessagesAsync("q", 0, Visibility, T0, Ct));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() =>
            Store.ReceiveMessagesAsync("q", 1, TimeSpan.FromSeconds(-1), T0, Ct));
    }
}
