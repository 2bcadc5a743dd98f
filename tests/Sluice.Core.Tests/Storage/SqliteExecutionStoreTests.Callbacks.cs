using Sluice.Core.Storage;
using static Sluice.Core.Tests.Storage.StoreTestData;

namespace Sluice.Core.Tests.Storage;

/// <summary>Callback tokens.</summary>
public sealed partial class SqliteExecutionStoreTests
{
    [Fact]
    public async Task CallbackRecord_EveryField_RoundTrips()
    {
        var execution = await CreateExecutionAsync();
        var full = new CallbackRecord(
            "AbCdEfGh12", execution, "Wäit", CallbackStatus.Failed, "[{\"Name\":\"o\",\"Value\":\"ü\"}]", "nö", T0.AddMilliseconds(5));
        var sparse = NewCallback("sparse", execution);

        await store.CreateCallbackAsync(full, Ct);
        await store.CreateCallbackAsync(sparse, Ct);

        (await store.GetCallbackAsync(full.Token, Ct)).ShouldBe(full);
        (await store.GetCallbackAsync(sparse.Token, Ct)).ShouldBe(sparse);
        (await store.GetCallbackAsync("missing", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task CompleteCallbackAsync_PendingToken_SucceedsOnceOnly()
    {
        var callback = NewCallback("tok", await CreateExecutionAsync());
        await store.CreateCallbackAsync(callback, Ct);
        const string outputs = "[{\"Name\":\"out\",\"Value\":\"1\"}]";

        var first = await store.CompleteCallbackAsync("tok", CallbackStatus.Succeeded, outputs, null, Ct);
        var second = await store.CompleteCallbackAsync("tok", CallbackStatus.Failed, null, "too late", Ct);

        first.ShouldBe(callback with { Status = CallbackStatus.Succeeded, OutputParametersJson = outputs });
        second.ShouldBeNull();
        (await store.GetCallbackAsync("tok", Ct)).ShouldBe(first);
    }

    [Fact]
    public async Task CompleteCallbackAsync_Failure_StoresTheReason()
    {
        var callback = NewCallback("tok", await CreateExecutionAsync());
        await store.CreateCallbackAsync(callback, Ct);

        var failed = await store.CompleteCallbackAsync("tok", CallbackStatus.Failed, null, "rejected", Ct);

        failed.ShouldBe(callback with { Status = CallbackStatus.Failed, FailureReason = "rejected" });
    }

    [Fact]
    public async Task CompleteCallbackAsync_UnknownToken_ReturnsNull() =>
        (await store.CompleteCallbackAsync("missing", CallbackStatus.Succeeded, "[]", null, Ct)).ShouldBeNull();

    [Fact]
    public async Task CompleteCallbackAsync_PendingAsAnswer_Throws() =>
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() =>
            store.CompleteCallbackAsync("tok", CallbackStatus.Pending, null, null, Ct));
}
