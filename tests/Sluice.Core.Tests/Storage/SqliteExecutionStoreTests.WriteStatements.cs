using Microsoft.Data.Sqlite;
using Sluice.Core.Storage;
using static Sluice.Core.Tests.Storage.StoreTestData;

namespace Sluice.Core.Tests.Storage;

/// <summary>The statements of an execution's life (start, step records, end) are prepared once on the write connection and run again.</summary>
public sealed partial class SqliteExecutionStoreTests
{
    [Fact]
    public async Task StartExecution_SecondExecutionOfTheSameShape_PreparesNoStatementAgain()
    {
        var pipeline = (await Store.CreatePipelineAsync(NewPipeline("p"), Ct))!;
        await StartRunAndEndAsync(pipeline, "e1");
        var prepared = Sqlite.PreparedWriteStatements;

        await StartRunAndEndAsync(pipeline, "e2");

        prepared.ShouldBeGreaterThanOrEqualTo(4); // the pipeline check, the execution's insert, the steps' save, the execution's update
        Sqlite.PreparedWriteStatements.ShouldBe(prepared);
        var second = (await Store.GetExecutionAsync(ExecutionArn("p", "e2"), Ct)).ShouldNotBeNull();
        second.Status.ShouldBe(ExecutionStatus.Succeeded);
        second.DisplayName.ShouldBe("e2 done");
        (await Store.ListStepsAsync(second.Arn, Ct)).Select(s => (s.StepName, s.Status)).ShouldBe([("A", StepStatus.Succeeded), ("B", StepStatus.Executing)]);
    }

    [Fact]
    public async Task StartExecution_AfterAStartThatFailedOnAReusedStatement_StoresTheNextOne()
    {
        var pipeline = (await Store.CreatePipelineAsync(NewPipeline("p"), Ct))!;
        await Store.StartExecutionAsync(NewExecution("p", "e1"), pipeline.DefinitionText, [], Ct);

        await Should.ThrowAsync<SqliteException>(() => Store.StartExecutionAsync(NewExecution("p", "e1", T0.AddDays(1)), pipeline.DefinitionText, [], Ct));
        (await Store.StartExecutionAsync(NewExecution("p", "e2"), pipeline.DefinitionText, [NewStep(ExecutionArn("p", "e2"), "A")], Ct)).ShouldBeTrue();

        (await Store.GetExecutionAsync(ExecutionArn("p", "e1"), Ct)).ShouldNotBeNull().CreationTime.ShouldBe(T0);
        (await Store.ListStepsAsync(ExecutionArn("p", "e2"), Ct)).ShouldHaveSingleItem().StepName.ShouldBe("A");
    }

    [Fact]
    public async Task StartExecutionWithToken_SecondNewToken_PreparesNoStatementAgainAndStoresTheAnswer()
    {
        var pipeline = (await Store.CreatePipelineAsync(NewPipeline("p"), Ct))!;
        await StartWithTokenAsync(pipeline, "e1");
        var prepared = Sqlite.PreparedWriteStatements;

        (await StartWithTokenAsync(pipeline, "e2")).Stored.ShouldBeTrue();

        Sqlite.PreparedWriteStatements.ShouldBe(prepared);
        (await Store.GetClientTokenAsync("StartPipelineExecution", "tok-e2", Ct)).ShouldNotBeNull().ResponseBody.ShouldBe("{\"arn\":\"e2\"}");
        (await StartWithTokenAsync(pipeline, "e2", "again")).Token.ShouldNotBeNull().Answer.ShouldNotBeNull().ResponseBody.ShouldBe("{\"arn\":\"e2\"}");
    }

    private Task<ExecutionStart> StartWithTokenAsync(PipelineRecord pipeline, string tokenOf, string id = "") =>
        Store.StartExecutionAsync(
            NewExecution("p", id == "" ? tokenOf : id),
            pipeline.DefinitionText,
            [],
            new ClientTokenWrite(new ClientTokenRecord("StartPipelineExecution", "tok-" + tokenOf, "{}", $"{{\"arn\":\"{tokenOf}\"}}", T0), T0.AddSeconds(-30), T0.AddDays(-1)),
            Ct);

    private async Task StartRunAndEndAsync(PipelineRecord pipeline, string id)
    {
        var execution = NewExecution("p", id);
        (await Store.StartExecutionAsync(execution, pipeline.DefinitionText, [NewStep(execution.Arn, "A")], Ct)).ShouldBeTrue();
        await Store.SaveStepsAsync([NewStep(execution.Arn, "A") with { Status = StepStatus.Succeeded, EndTime = T0 }, NewStep(execution.Arn, "B")], Ct);
        await Store.UpdateExecutionAsync(execution with { Status = ExecutionStatus.Succeeded, DisplayName = id + " done", LastModifiedTime = T0 }, Ct);
    }
}
