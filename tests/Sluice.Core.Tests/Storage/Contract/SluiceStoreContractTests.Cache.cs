using static Sluice.Core.Tests.Storage.StoreTestData;

namespace Sluice.Core.Tests.Storage.Contract;

/// <summary>The step cache.</summary>
public abstract partial class SluiceStoreContractTests
{
    [Fact]
    public async Task FindCacheEntryAsync_SeveralEntries_ReturnsNewestAtOrAfterNotBefore()
    {
        var execution = await CreateExecutionAsync();
        var old = NewCacheEntry("k", execution, T0);
        var newest = NewCacheEntry("k", execution, T0.AddHours(2)) with { StepName = "Newest", MetadataJson = "{\"m\":\"ü\"}" };
        await Store.AddCacheEntryAsync(old, Ct);
        await Store.AddCacheEntryAsync(newest, Ct);
        await Store.AddCacheEntryAsync(NewCacheEntry("k", execution, T0.AddHours(1)), Ct);
        await Store.AddCacheEntryAsync(NewCacheEntry("other", execution, T0.AddHours(3)), Ct);

        (await Store.FindCacheEntryAsync("k", T0.AddMinutes(-1), Ct)).ShouldBe(newest);
        (await Store.FindCacheEntryAsync("k", T0.AddHours(2), Ct)).ShouldBe(newest);
        (await Store.FindCacheEntryAsync("k", T0.AddHours(2).AddTicks(1), Ct)).ShouldBeNull();
        (await Store.FindCacheEntryAsync("missing", T0, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task FindCacheEntryAsync_SameCreationTime_ReturnsTheLastAdded()
    {
        await Store.AddCacheEntryAsync(NewCacheEntry("k", "arn:a", T0), Ct);
        await Store.AddCacheEntryAsync(NewCacheEntry("k", "arn:b", T0), Ct);

        (await Store.FindCacheEntryAsync("k", T0, Ct)).ShouldNotBeNull().ExecutionArn.ShouldBe("arn:b");
    }
}
