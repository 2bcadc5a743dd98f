using Sluice.Core.Storage;
using static Sluice.Core.Tests.Storage.StoreTestData;

namespace Sluice.Core.Tests.Storage.Contract;

/// <summary>Queue attributes the store applies: delays, retention, and message attributes kept with each message.</summary>
public abstract partial class SluiceStoreContractTests
{
    private static Dictionary<string, string> Attributes(params (string Name, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);

    [Fact]
    public async Task CreateQueueAsync_WithAttributes_KeepsThemAndAnExistingQueueKeepsItsOwn()
    {
        var created = await Store.CreateQueueAsync("q", Attributes(("VisibilityTimeout", "60")), T0, Ct);
        var again = await Store.CreateQueueAsync("q", Attributes(("VisibilityTimeout", "5")), T0.AddMinutes(1), Ct);

        created.Settings.VisibilityTimeout.ShouldBe(TimeSpan.FromSeconds(60));
        again.Attributes.ShouldBe(Attributes(("VisibilityTimeout", "60")));
        again.CreationTime.ShouldBe(T0);
        (await Store.GetQueueAsync("missing", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task SetQueueAttributesAsync_SomeAttributes_MergesWithTheOthers()
    {
        await Store.CreateQueueAsync("q", Attributes(("VisibilityTimeout", "60"), ("DelaySeconds", "5")), T0, Ct);

        (await Store.SetQueueAttributesAsync("q", Attributes(("DelaySeconds", "0"), ("MessageRetentionPeriod", "60")), T0.AddSeconds(1), Ct)).ShouldBeTrue();
        (await Store.SetQueueAttributesAsync("missing", Attributes(("DelaySeconds", "0")), T0, Ct)).ShouldBeFalse();

        var queue = (await Store.GetQueueAsync("q", Ct))!;
        queue.Attributes.ShouldBe(Attributes(("DelaySeconds", "0"), ("MessageRetentionPeriod", "60"), ("VisibilityTimeout", "60")));
        queue.LastModifiedTime.ShouldBe(T0.AddSeconds(1));
    }

    [Fact]
    public async Task SendMessageAsync_QueueDelaySeconds_HidesTheMessageUntilItsDelayAndCountsItDelayed()
    {
        await Store.CreateQueueAsync("q", Attributes(("DelaySeconds", "10")), T0, Ct);
        await Store.SendMessageAsync("q", "m", T0, Ct);

        (await Store.CountMessagesAsync("q", T0.AddSeconds(9), Ct)).ShouldBe(new QueueCounts(0, 0, 1));
        (await Store.ReceiveMessagesAsync("q", 10, Visibility, T0.AddSeconds(9), Ct)).ShouldBeEmpty();
        (await Store.ReceiveMessagesAsync("q", 10, Visibility, T0.AddSeconds(10), Ct)).Single().Body.ShouldBe("m");
    }

    [Fact]
    public async Task SendMessageAsync_MessageDelay_OverridesTheQueueDelay()
    {
        await Store.CreateQueueAsync("q", Attributes(("DelaySeconds", "600")), T0, Ct);
        await Store.SendMessageAsync("q", new QueueMessage("now", Delay: TimeSpan.Zero), T0, Ct);
        await Store.SendMessageAsync("q", new QueueMessage("soon", Delay: TimeSpan.FromSeconds(2)), T0, Ct);

        (await Store.ReceiveMessagesAsync("q", 10, Visibility, T0, Ct)).Select(m => m.Body).ShouldBe(["now"]);
        (await Store.ReceiveMessagesAsync("q", 10, Visibility, T0.AddSeconds(2), Ct)).Select(m => m.Body).ShouldBe(["soon"]);
    }

    [Fact]
    public async Task ReceiveMessagesAsync_MessagePastRetention_IsDeletedNotReceived()
    {
        await Store.CreateQueueAsync("q", Attributes(("MessageRetentionPeriod", "60")), T0, Ct);
        await Store.SendMessageAsync("q", "old", T0, Ct);
        await Store.SendMessageAsync("q", "new", T0.AddSeconds(30), Ct);

        (await Store.CountMessagesAsync("q", T0.AddSeconds(61), Ct)).ShouldBe(new QueueCounts(1, 0));
        (await Store.ReceiveMessagesAsync("q", 10, Visibility, T0.AddSeconds(61), Ct)).Select(m => m.Body).ShouldBe(["new"]);
        (await Store.CountMessagesAsync("q", T0, Ct)).ShouldBe(new QueueCounts(0, 1)); // the old one is gone, not hidden
    }

    [Fact]
    public async Task ReceiveMessagesAsync_MessageWithAttributes_ReturnsThemAsSent()
    {
        const string attributes = """{"City":{"DataType":"String","StringValue":"Any City"}}""";
        await Store.SendMessageAsync("q", new QueueMessage("m", attributes), T0, Ct);
        await Store.SendMessageAsync("q", "plain", T0.AddSeconds(1), Ct);

        var received = await Store.ReceiveMessagesAsync("q", 10, Visibility, T0.AddSeconds(1), Ct);

        received.Select(m => m.MessageAttributes).ShouldBe([attributes, null]);
    }
}
