using static Sluice.Core.Tests.Storage.StoreTestData;

namespace Sluice.Core.Tests.Storage;

/// <summary>The step cache.</summary>
public sealed partial class SqliteExecutionStoreTests
{
    [Fact]
    public async Task FindCacheEntryAsync_SeveralEntries_ReturnsNewestAtOrAfterNotBefore()
    {
        var execution = await CreateExecutionAsync();
        var old = NewCacheEntry("k", execution, T0);
        var newest = NewCacheEntry("k", execution, T0.AddHours(2)) with { StepName = "Newest", MetadataJson = "{\"m\":\"ü\"}" };
        await store.AddCacheEntryAsync(old, Ct);
        await store.AddCacheEntryAsync(newest, Ct);
        await store.AddCacheEntryAsync(NewCacheEntry("k", execution, T0.AddHours(1)), Ct);
        await store.AddCacheEntryAsync(NewCacheEntry("other", execution, T0.AddHours(3)), Ct);

        (await store.FindCacheEntryAsync("k", T0.AddMinutes(-1), Ct)).ShouldBe(newest);
        (await store.FindCacheEntryAsync("k", T0.AddHours(2), Ct)).ShouldBe(newest);
        (await store.FindCacheEntryAsync("k", T0.AddHours(2).AddTicks(1), Ct)).ShouldBeNull();
        (await store.FindCacheEntryAsync("missing", T0, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task FindCacheEntryAsync_SameCreationTime_ReturnsTheLastAdded()
    {
        await store.AddCacheEntryAsync(NewCacheEntry("k", "arn:a", T0), Ct);
        await store.AddCacheEntryAsync(NewCacheEntry("k", "arn:b", T0), Ct);

        (await store.FindCacheEntryAsync("k", T0, Ct)).ShouldNotBeNull().ExecutionArn.ShouldBe("arn:b");
    }
}
