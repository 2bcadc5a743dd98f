using Sluice.Core.Storage;
using static Sluice.Core.Tests.Storage.StoreTestData;

namespace Sluice.Core.Tests.Storage.Contract;

/// <summary>Callback tokens.</summary>
public abstract partial class SluiceStoreContractTests
{
    [Fact]
    public async Task CallbackRecord_EveryField_RoundTrips()
    {
        var execution = await CreateExecutionAsync();
        var full = new CallbackRecord(
            "AbCdEfGh12", execution, "Wäit", CallbackStatus.Failed, "[{\"Name\":\"o\",\"Value\":\"ü\"}]", "nö", T0.AddMilliseconds(5));
        var sparse = NewCallback("sparse", execution);

        await Store.CreateCallbackAsync(full, Ct);
        await Store.CreateCallbackAsync(sparse, Ct);

        (await Store.GetCallbackAsync(full.Token, Ct)).ShouldBe(full);
        (await Store.GetCallbackAsync(sparse.Token, Ct)).ShouldBe(sparse);
        (await Store.GetCallbackAsync("missing", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task CompleteCallbackAsync_PendingToken_SucceedsOnceOnly()
    {
        var callback = NewCallback("tok", await CreateExecutionAsync());
        await Store.CreateCallbackAsync(callback, Ct);
        const string outputs = "[{\"Name\":\"out\",\"Value\":\"1\"}]";

        var first = await Store.CompleteCallbackAsync("tok", CallbackStatus.Succeeded, outputs, null, Ct);
        var second = await Store.CompleteCallbackAsync("tok", CallbackStatus.Failed, null, "too late", Ct);

        first.ShouldBe(callback with { Status = CallbackStatus.Succeeded, OutputParametersJson = outputs });
        second.ShouldBeNull();
        (await Store.GetCallbackAsync("tok", Ct)).ShouldBe(first);
    }

    [Fact]
    public async Task CompleteCallbackAsync_Failure_StoresTheReason()
    {
        var callback = NewCallback("tok", await CreateExecutionAsync());
        await Store.CreateCallbackAsync(callback, Ct);

        var failed = await Store.CompleteCallbackAsync("tok", CallbackStatus.Failed, null, "rejected", Ct);

        failed.ShouldBe(callback with { Status = CallbackStatus.Failed, FailureReason = "rejected" });
    }

    [Fact]
    public async Task CompleteCallbackAsync_UnknownToken_ReturnsNull() =>
        (await Store.CompleteCallbackAsync("missing", CallbackStatus.Succeeded, "[]", null, Ct)).ShouldBeNull();

    [Fact]
    public async Task CompleteCallbackAsync_PendingAsAnswer_Throws() =>
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() =>
            Store.CompleteCallbackAsync("tok", CallbackStatus.Pending, null, null, Ct));
}
