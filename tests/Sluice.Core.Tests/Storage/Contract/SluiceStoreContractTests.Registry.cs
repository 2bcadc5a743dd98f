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

    [Fact]
    public async Task GetModelAndPackages_NameInAnotherCase_FindTheOneStoredExactlyFirst()
    {
        await Store.SaveModelAsync(new ModelRecord("My-Model", "arn1", "{}", T0), Ct);
        await Store.AddModelPackageAsync("Group", v => new ModelPackageRecord("Group", v, $"arn/{v}", "Approved", "{}", T0, T0), Ct);
        await Store.AddModelPackageAsync("Group", v => new ModelPackageRecord("Group", v, $"arn/{v}", "Approved", "{}", T0, T0), Ct);
        await Store.AddModelPackageAsync("other", v => new ModelPackageRecord("other", v, $"other/{v}", "Approved", "{}", T0, T0), Ct);

        (await Store.GetModelAsync("my-model", Ct)).ShouldNotBeNull().Arn.ShouldBe("arn1");
        (await Store.GetModelPackageAsync("GROUP", 2, Ct)).ShouldNotBeNull().Arn.ShouldBe("arn/2");
        (await Store.GetModelPackageAsync("group", 3, Ct)).ShouldBeNull();
        (await Store.ListModelPackagesAsync("gRoUp", Ct)).Select(p => p.Version).ShouldBe([2, 1]);
        (await Store.ListModelPackagesAsync(null, Ct)).Select(p => p.GroupName).ShouldBe(["Group", "Group", "other"]);

        await Store.SaveModelAsync(new ModelRecord("my-model", "arn2", "{}", T0), Ct);

        (await Store.GetModelAsync("my-model", Ct)).ShouldNotBeNull().Arn.ShouldBe("arn2");
        (await Store.GetModelAsync("My-Model", Ct)).ShouldNotBeNull().Arn.ShouldBe("arn1");
        (await Store.GetModelAsync("MY-MODEL", Ct)).ShouldNotBeNull().Name.ShouldBe("My-Model", "of names that differ in case only, the first in ordinal order");
    }
}
