using System.Collections.Concurrent;
using Sluice.Core.Storage;
using static Sluice.Core.Tests.Storage.StoreTestData;

namespace Sluice.Core.Tests.Storage.Contract;

/// <summary>
/// Claims several servers make on one store at once: a ClientRequestToken claimed once whoever asks, and job slots
/// counted over every server (<c>jobs.global_slots</c>).
/// </summary>
public abstract partial class SluiceStoreContractTests
{
    private const string Start = "StartPipelineExecution";

    [Fact]
    public async Task ClaimClientToken_Unanswered_FirstClaimsAndTheNextSeesItPending()
    {
        var first = await Store.ClaimClientTokenAsync(Start, "tok", "{\"a\":1}", T0, T0.AddMinutes(-1), Ct);
        var second = await Store.ClaimClientTokenAsync(Start, "tok", "{\"a\":2}", T0, T0.AddMinutes(-1), Ct);

        first.ShouldBe(ClientTokenClaim.Mine);
        second.ShouldBe(ClientTokenClaim.Pending("{\"a\":1}"));
        (await Store.GetClientTokenAsync(Start, "tok", Ct)).ShouldBeNull("a claim is not an answer");
    }

    [Fact]
    public async Task ClaimClientToken_AnswerSaved_ClaimsGetTheFirstAnswer()
    {
        await Store.ClaimClientTokenAsync(Start, "tok", "{}", T0, T0.AddMinutes(-1), Ct);
        await Store.SaveClientTokenAsync(new ClientTokenRecord(Start, "tok", "{}", "{\"first\":1}", T0), T0.AddDays(-1), Ct);
        await Store.SaveClientTokenAsync(new ClientTokenRecord(Start, "tok", "{}", "{\"second\":1}", T0), T0.AddDays(-1), Ct);

        var again = await Store.ClaimClientTokenAsync(Start, "tok", "{}", T0.AddSeconds(1), T0, Ct);

        again.Claimed.ShouldBeFalse();
        again.Answer.ShouldNotBeNull().ResponseBody.ShouldBe("{\"first\":1}");
        (await Store.GetClientTokenAsync(Start, "tok", Ct))!.ResponseBody.ShouldBe("{\"first\":1}");
    }

    [Fact]
    public async Task AbandonClientToken_PendingClaim_LetsTheNextClaimAct()
    {
        await Store.ClaimClientTokenAsync(Start, "tok", "{}", T0, T0.AddMinutes(-1), Ct);

        await Store.AbandonClientTokenAsync(Start, "tok", Ct);

        (await Store.ClaimClientTokenAsync(Start, "tok", "{}", T0, T0.AddMinutes(-1), Ct)).ShouldBe(ClientTokenClaim.Mine);
    }

    [Fact]
    public async Task AbandonClientToken_Answered_KeepsTheAnswer()
    {
        await Store.SaveClientTokenAsync(new ClientTokenRecord(Start, "tok", "{}", "{\"a\":1}", T0), T0.AddDays(-1), Ct);

        await Store.AbandonClientTokenAsync(Start, "tok", Ct);

        (await Store.GetClientTokenAsync(Start, "tok", Ct)).ShouldNotBeNull();
    }

    [Fact]
    public async Task ClaimClientToken_ClaimOlderThanTheTimeout_IsTakenOver()
    {
        await Store.ClaimClientTokenAsync(Start, "tok", "{}", T0, T0.AddMinutes(-1), Ct);

        var fresh = await Store.ClaimClientTokenAsync(Start, "tok", "{}", T0.AddSeconds(10), T0, Ct);
        var stale = await Store.ClaimClientTokenAsync(Start, "tok", "{}", T0.AddSeconds(40), T0.AddSeconds(10), Ct);
        var afterTakeover = await Store.ClaimClientTokenAsync(Start, "tok", "{}", T0.AddSeconds(41), T0.AddSeconds(11), Ct);

        fresh.Claimed.ShouldBeFalse("claimed at T0, and only claims from before T0 are abandoned");
        stale.ShouldBe(ClientTokenClaim.Mine);
        afterTakeover.Claimed.ShouldBeFalse("the takeover renewed the claim");
    }

    [Fact]
    public async Task ClaimClientToken_SixteenClaimsOnTwoStoresAtOnce_ExactlyOneClaims()
    {
        var other = await OpenStoreAsync();
        for (var round = 0; round < 5; round++)
        {
            var token = $"tok{round}";
            var claims = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() =>
                (i % 2 == 0 ? Store : other).ClaimClientTokenAsync(Start, token, "{}", T0, T0.AddMinutes(-1), Ct))));

            claims.Count(c => c.Claimed).ShouldBe(1);
            claims.Where(c => !c.Claimed).ShouldAllBe(c => c.PendingRequestBody == "{}");
        }
    }

    [Fact]
    public async Task TryClaimJobSlot_LimitReached_RefusesUntilOneIsReleased()
    {
        var hour = TimeSpan.FromHours(1);
        (await Store.TryClaimJobSlotAsync("j1", "a", 2, T0, hour, Ct)).ShouldBeTrue();
        (await Store.TryClaimJobSlotAsync("j2", "b", 2, T0, hour, Ct)).ShouldBeTrue();
        (await Store.TryClaimJobSlotAsync("j1", "a", 2, T0, hour, Ct)).ShouldBeTrue("a job holding a slot keeps it");

        (await Store.TryClaimJobSlotAsync("j3", "a", 2, T0, hour, Ct)).ShouldBeFalse();
        await Store.ReleaseJobSlotAsync("j2", Ct);

        (await Store.TryClaimJobSlotAsync("j3", "a", 2, T0, hour, Ct)).ShouldBeTrue();
        (await Store.CountJobSlotsAsync(T0, Ct)).ShouldBe(2);
    }

    [Fact]
    public async Task TryClaimJobSlot_DeadServersSlots_AreFreedWhenTheyExpireUnlessRenewed()
    {
        var lease = TimeSpan.FromSeconds(20);
        await Store.TryClaimJobSlotAsync("alive", "a", 2, T0, lease, Ct);
        await Store.TryClaimJobSlotAsync("dead", "b", 2, T0, lease, Ct);

        (await Store.RenewJobSlotsAsync("a", T0.AddSeconds(15), lease, Ct)).ShouldBe(1);

        (await Store.TryClaimJobSlotAsync("new", "c", 2, T0.AddSeconds(19), lease, Ct)).ShouldBeFalse();
        (await Store.CountJobSlotsAsync(T0.AddSeconds(21), Ct)).ShouldBe(1);
        (await Store.TryClaimJobSlotAsync("new", "c", 2, T0.AddSeconds(21), lease, Ct)).ShouldBeTrue();
        (await Store.TryClaimJobSlotAsync("more", "c", 2, T0.AddSeconds(21), lease, Ct)).ShouldBeFalse("'alive' was renewed");
    }

    [Fact]
    public async Task TryClaimJobSlot_FortyClaimsOnTwoStoresAtOnce_GrantExactlyTheLimit()
    {
        var other = await OpenStoreAsync();
        var granted = new ConcurrentBag<string>();

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            if (await (i % 2 == 0 ? Store : other).TryClaimJobSlotAsync($"j{i}", i % 2 == 0 ? "a" : "b", 5, T0, TimeSpan.FromHours(1), Ct))
            {
                granted.Add($"j{i}");
            }
        })));

        granted.Count.ShouldBe(5);
        (await other.CountJobSlotsAsync(T0, Ct)).ShouldBe(5);
    }
}
