using Sluice.Core.Storage;
using static Sluice.Core.Tests.Storage.StoreTestData;

namespace Sluice.Core.Tests.Storage.Contract;

public abstract partial class SluiceStoreContractTests
{
    [Fact]
    public async Task AddModelPackage_Concurrently_GivesEachVersionOnce()
    {

        var added = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Store.AddModelPackageAsync(
            "group",
            version => new ModelPackageRecord("group", version, $"arn/{version}", "PendingManualApproval", "{}", T0, T0),
            TestContext.Current.CancellationToken)));

        added.Select(p => p.Version).Order().ShouldBe(Enumerable.Range(1, 20));
        (await Store.ListModelPackagesAsync(null, TestContext.Current.CancellationToken)).Count.ShouldBe(20);
    }

    [Fact]
    public async Task UpdateModelPackage_ChangesTheApprovalAndKeepsTheRest()
    {
        var package = await Store.AddModelPackageAsync("g", v => new ModelPackageRecord("g", v, "arn", "PendingManualApproval", "{\"a\": 1}", T0, T0), TestContext.Current.CancellationToken);

        (await Store.UpdateModelPackageAsync(package with { ApprovalStatus = "Approved", LastModifiedTime = T0.AddHours(1) }, TestContext.Current.CancellationToken)).ShouldBeTrue();
        (await Store.UpdateModelPackageAsync(package with { Version = 9 }, TestContext.Current.CancellationToken)).ShouldBeFalse();

        var stored = await Store.GetModelPackageAsync("g", 1, TestContext.Current.CancellationToken);
        stored.ShouldBe(package with { ApprovalStatus = "Approved", LastModifiedTime = T0.AddHours(1) });
    }

    [Fact]
    public async Task SaveModel_SameName_Replaces()
    {

        await Store.SaveModelAsync(new ModelRecord("m", "arn1", "{}", T0), TestContext.Current.CancellationToken);
        await Store.SaveModelAsync(new ModelRecord("m", "arn2", "{\"x\": 1}", T0.AddMinutes(1)), TestContext.Current.CancellationToken);

        (await Store.ListModelsAsync(TestContext.Current.CancellationToken)).ShouldBe([new ModelRecord("m", "arn2", "{\"x\": 1}", T0.AddMinutes(1))]);
        (await Store.GetModelAsync("other", TestContext.Current.CancellationToken)).ShouldBeNull();
    }

}
