using Sluice.Core.Storage;
using Sluice.Core.Storage.Sqlite;

namespace Sluice.Core.Tests.Storage;

public sealed class SqliteRegistryTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("sluice-registry-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task AddModelPackage_Concurrently_GivesEachVersionOnce()
    {
        await using var store = await OpenAsync();

        var added = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => store.AddModelPackageAsync(
            "group",
            version => new ModelPackageRecord("group", version, $"arn/{version}", "PendingManualApproval", "{}", T0, T0),
            TestContext.Current.CancellationToken)));

        added.Select(p => p.Version).Order().ShouldBe(Enumerable.Range(1, 20));
        (await store.ListModelPackagesAsync(null, TestContext.Current.CancellationToken)).Count.ShouldBe(20);
    }

    [Fact]
    public async Task UpdateModelPackage_ChangesTheApprovalAndKeepsTheRest()
    {
        await using var store = await OpenAsync();
        var package = await store.AddModelPackageAsync("g", v => new ModelPackageRecord("g", v, "arn", "PendingManualApproval", "{\"a\": 1}", T0, T0), TestContext.Current.CancellationToken);

        (await store.UpdateModelPackageAsync(package with { ApprovalStatus = "Approved", LastModifiedTime = T0.AddHours(1) }, TestContext.Current.CancellationToken)).ShouldBeTrue();
        (await store.UpdateModelPackageAsync(package with { Version = 9 }, TestContext.Current.CancellationToken)).ShouldBeFalse();

        var stored = await store.GetModelPackageAsync("g", 1, TestContext.Current.CancellationToken);
        stored.ShouldBe(package with { ApprovalStatus = "Approved", LastModifiedTime = T0.AddHours(1) });
    }

    [Fact]
    public async Task SaveModel_SameName_Replaces()
    {
        await using var store = await OpenAsync();

        await store.SaveModelAsync(new ModelRecord("m", "arn1", "{}", T0), TestContext.Current.CancellationToken);
        await store.SaveModelAsync(new ModelRecord("m", "arn2", "{\"x\": 1}", T0.AddMinutes(1)), TestContext.Current.CancellationToken);

        (await store.ListModelsAsync(TestContext.Current.CancellationToken)).ShouldBe([new ModelRecord("m", "arn2", "{\"x\": 1}", T0.AddMinutes(1))]);
        (await store.GetModelAsync("other", TestContext.Current.CancellationToken)).ShouldBeNull();
    }

    private async Task<SqliteExecutionStore> OpenAsync()
    {
        var store = new SqliteExecutionStore(_directory);
        await store.InitializeAsync(TestContext.Current.CancellationToken);
        return store;
    }
}
