using Sluice.Core.Storage;
using static Sluice.Core.Tests.Storage.StoreTestData;

namespace Sluice.Core.Tests.Storage.Contract;

/// <summary>
/// StartPipelineExecution with a ClientRequestToken: the token's claim and answer, the execution and its first steps
/// in one write, decided once whichever server asks.
/// </summary>
public abstract partial class SluiceStoreContractTests
{
    [Fact]
    public async Task StartExecutionWithToken_FreshToken_StoresTheExecutionAndTheAnswerTogether()
    {
        var pipeline = (await Store.CreatePipelineAsync(NewPipeline("p"), Ct))!;
        var execution = NewExecution("p", "e1");

        var started = await Store.StartExecutionAsync(execution, pipeline.DefinitionText, [NewStep(execution.Arn, "A")], TokenAnswer("tok", "{}", "e1"), Ct);

        started.ShouldBe(ExecutionStart.Started);
        (await Store.GetExecutionAsync(execution.Arn, Ct)).ShouldNotBeNull();
        (await Store.ListStepsAsync(execution.Arn, Ct)).ShouldHaveSingleItem();
        (await Store.GetClientTokenAsync(Start, "tok", Ct)).ShouldNotBeNull().ResponseBody.ShouldBe("{\"arn\":\"e1\"}");
    }

    [Fact]
    public async Task StartExecutionWithToken_TokenAnswered_StoresNothingAndReturnsTheFirstAnswer()
    {
        var pipeline = (await Store.CreatePipelineAsync(NewPipeline("p"), Ct))!;
        await Store.StartExecutionAsync(NewExecution("p", "e1"), pipeline.DefinitionText, [], TokenAnswer("tok", "{}", "e1"), Ct);
        var second = NewExecution("p", "e2");

        var again = await Store.StartExecutionAsync(second, pipeline.DefinitionText, [NewStep(second.Arn, "A")], TokenAnswer("tok", "{\"other\":1}", "e2"), Ct);

        again.Stored.ShouldBeFalse();
        var answer = again.Token.ShouldNotBeNull().Answer.ShouldNotBeNull();
        answer.ResponseBody.ShouldBe("{\"arn\":\"e1\"}");
        answer.RequestBody.ShouldBe("{}");
        (await Store.GetExecutionAsync(second.Arn, Ct)).ShouldBeNull();
        (await Store.ListStepsAsync(second.Arn, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task StartExecutionWithToken_PipelineDeleted_StoresNeitherTheExecutionNorTheToken()
    {
        var pipeline = (await Store.CreatePipelineAsync(NewPipeline("p"), Ct))!;
        await Store.DeletePipelineAsync("p", Ct);
        var execution = NewExecution("p", "e1");

        var started = await Store.StartExecutionAsync(execution, pipeline.DefinitionText, [NewStep(execution.Arn, "A")], TokenAnswer("tok", "{}", "e1"), Ct);

        started.ShouldBe(ExecutionStart.PipelineGone);
        (await Store.GetExecutionAsync(execution.Arn, Ct)).ShouldBeNull();
        (await Store.GetClientTokenAsync(Start, "tok", Ct)).ShouldBeNull();
        (await Store.ClaimClientTokenAsync(Start, "tok", "{}", T0, T0.AddMinutes(-1), Ct)).ShouldBe(ClientTokenClaim.Mine, "no trace of the token is left");
    }

    [Fact]
    public async Task StartExecutionWithToken_PendingClaim_WaitsUnlessAbandoned()
    {
        var pipeline = (await Store.CreatePipelineAsync(NewPipeline("p"), Ct))!;
        await Store.ClaimClientTokenAsync(Start, "tok", "{}", T0, T0.AddMinutes(-1), Ct);

        var fresh = await Store.StartExecutionAsync(NewExecution("p", "e1"), pipeline.DefinitionText, [], TokenAnswer("tok", "{}", "e1", abandonedBefore: T0.AddSeconds(-30)), Ct);
        var stale = await Store.StartExecutionAsync(NewExecution("p", "e2"), pipeline.DefinitionText, [], TokenAnswer("tok", "{}", "e2", abandonedBefore: T0.AddSeconds(1)), Ct);

        fresh.ShouldBe(ExecutionStart.TokenTaken(ClientTokenClaim.Pending("{}")));
        stale.ShouldBe(ExecutionStart.Started);
        (await Store.GetExecutionAsync(ExecutionArn("p", "e1"), Ct)).ShouldBeNull();
        (await Store.GetClientTokenAsync(Start, "tok", Ct)).ShouldNotBeNull().ResponseBody.ShouldBe("{\"arn\":\"e2\"}");
    }

    [Fact]
    public async Task StartExecutionWithToken_SixteenStartsOnTwoStoresAtOnce_ExactlyOneIsStored()
    {
        var other = await OpenStoreAsync();
        var pipeline = (await Store.CreatePipelineAsync(NewPipeline("p"), Ct))!;
        for (var round = 0; round < 3; round++)
        {
            var token = $"tok{round}";
            var starts = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() =>
                (i % 2 == 0 ? Store : other).StartExecutionAsync(
                    NewExecution("p", $"r{round}e{i:D2}"), pipeline.DefinitionText, [], TokenAnswer(token, "{}", $"r{round}e{i:D2}"), Ct))));

            var winner = starts.Select((s, i) => (s, i)).Where(x => x.s.Stored).ShouldHaveSingleItem().i;
            var arn = $"{{\"arn\":\"r{round}e{winner:D2}\"}}";
            starts.Where(s => !s.Stored).ShouldAllBe(s => s.Token!.Answer!.ResponseBody == arn);
        }

        (await Store.ListExecutionsAsync("p", Ct)).Count.ShouldBe(3);
    }

    [Fact]
    public async Task StartExecutionWithToken_OldAnswers_AreForgottenInTheSameWrite()
    {
        var pipeline = (await Store.CreatePipelineAsync(NewPipeline("p"), Ct))!;
        await Store.SaveClientTokenAsync(new ClientTokenRecord(Start, "old", "{}", "{}", T0.AddDays(-2)), T0.AddDays(-3), Ct);

        await Store.StartExecutionAsync(NewExecution("p", "e1"), pipeline.DefinitionText, [], TokenAnswer("tok", "{}", "e1"), Ct);

        (await Store.GetClientTokenAsync(Start, "old", Ct)).ShouldBeNull();
    }

    /// <summary>A token's answer as the server makes it: <c>{"arn":"..."}</c>, at T0, forgetting answers over a day old.</summary>
    private static ClientTokenWrite TokenAnswer(string token, string requestBody, string arn, DateTimeOffset? abandonedBefore = null) =>
        new(new ClientTokenRecord(Start, token, requestBody, $"{{\"arn\":\"{arn}\"}}", T0), abandonedBefore ?? T0.AddSeconds(-30), T0.AddDays(-1));
}
