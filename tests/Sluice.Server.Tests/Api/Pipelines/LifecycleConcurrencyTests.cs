using Sluice.Client.Http;
using Sluice.Client.SageMaker;
using Sluice.Client.SageMaker.Executions;
using Sluice.Client.SageMaker.Pipelines;
using Sluice.Core.Storage;
using Sluice.Server.Tests.Support;
using static Sluice.Server.Tests.Support.TestPipelines;

namespace Sluice.Server.Tests.Api.Pipelines;

/// <summary>
/// CreatePipeline, UpdatePipeline, DeletePipeline and StartPipelineExecution sent at the same moment, over real HTTP
/// requests to one server. Each race runs several rounds: one round may happen to be served in order, several rarely are.
/// </summary>
public sealed class LifecycleConcurrencyTests
{
    private const int Rounds = 5;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreatePipeline_TwentyConcurrentForOneName_OneSucceedsAndNineteenAlreadyExist()
    {
        await using var server = await ServerHarness.StartAsync();
        var sm = server.SageMaker();
        for (var round = 0; round < Rounds; round++)
        {
            var name = $"created-{round}";

            var outcomes = await AllAtOnceAsync(20, _ => CreateAsync(sm, name, Instant));

            outcomes.Count(o => o.Error is null).ShouldBe(1, $"round {round}");
            foreach (var error in outcomes.Select(o => o.Error).OfType<AwsServiceException>())
            {
                error.ErrorCode.ShouldBe("ValidationException");
                error.Message.ShouldBe($"Pipeline names must be unique within an AWS account and region. Pipeline with name ({name}) already exists.");
            }

            var versions = await sm.ListPipelineVersionsAsync(new ListPipelineVersionsRequest { PipelineName = name }, Ct);
            versions.PipelineVersionSummaries!.Select(v => v.PipelineVersionId).ShouldBe([1L], $"round {round}");
        }
    }

    [Fact]
    public async Task DeletePipeline_TenConcurrent_OneSucceedsAndTheOthersAreNotFound()
    {
        await using var server = await ServerHarness.StartAsync();
        var sm = server.SageMaker();
        for (var round = 0; round < Rounds; round++)
        {
            var name = $"deleted-{round}";
            var arn = (await CreateAsync(sm, name, Instant)).PipelineArn;

            var outcomes = await AllAtOnceAsync(10, _ => sm.DeletePipelineAsync(new DeletePipelineRequest { PipelineName = name }, Ct));

            outcomes.Where(o => o.Error is null).Select(o => o.Result!.PipelineArn).ShouldBe([arn], $"round {round}");
            outcomes.Select(o => o.Error).OfType<AwsServiceException>().Select(e => e.ErrorCode).ShouldAllBe(code => code == "ResourceNotFound");
            outcomes.Select(o => o.Error).OfType<AwsServiceException>().Count().ShouldBe(9);
        }
    }

    [Fact]
    public async Task StartPipelineExecution_RacingDeletePipeline_LeavesNoExecutionWithoutItsPipelineAcrossARestart()
    {
        var directory = Directory.CreateTempSubdirectory("sluice-lifecycle-").FullName;
        try
        {
            var started = new List<string>();
            await using (var server = await ServerHarness.StartAsync(directory))
            {
                var sm = server.SageMaker();
                for (var round = 0; round < Rounds; round++)
                {
                    var name = $"raced-{round}";
                    await CreateAsync(sm, name, CallbackThenCondition);

                    // The executions wait on their Callback step, so each is still Executing when the delete comes.
                    var outcomes = await AllAtOnceAsync(9, i => i == 4
                        ? Delete(sm, name)
                        : Start(sm, name));

                    var delete = outcomes[4];
                    var starts = outcomes.Where((_, i) => i != 4).ToList();
                    starts.Select(o => o.Error).OfType<AwsServiceException>().Select(e => e.ErrorCode).ShouldAllBe(code => code == "ResourceNotFound");
                    var executions = await server.Store.ListExecutionsAsync(name, Ct);
                    if (delete.Error is null)
                    {
                        starts.ShouldAllBe(o => o.Error != null, $"round {round}: the delete won, so no start may have succeeded");
                        executions.ShouldBeEmpty($"round {round}");
                    }
                    else
                    {
                        delete.Error.ShouldBeOfType<AwsServiceException>().ErrorCode.ShouldBe("ConflictException");
                        executions.Select(e => e.Arn).Order(StringComparer.Ordinal)
                            .ShouldBe(starts.Where(o => o.Error is null).Select(o => o.Result!).Order(StringComparer.Ordinal), $"round {round}");
                    }

                    started.AddRange(starts.Where(o => o.Error is null).Select(o => o.Result!));
                    await ShouldHaveNoOrphansAsync(server.Store);
                }
            }

            await using (var restarted = await ServerHarness.StartAsync(directory))
            {
                await ShouldHaveNoOrphansAsync(restarted.Store);
                var unfinished = await restarted.Store.ListUnfinishedExecutionsAsync(Ct);
                var resumed = await restarted.Engine.ResumeAsync(Ct);

                resumed.Select(e => e.Arn).ShouldBe(unfinished.Select(e => e.Arn), "every unfinished execution resumes: none is orphaned");
                unfinished.Select(e => e.Arn).Order(StringComparer.Ordinal).ShouldBe(started.Order(StringComparer.Ordinal));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task UpdatePipeline_TwentyConcurrent_EachMakesItsOwnVersionOnTopOfThePreviousOne()
    {
        await using var server = await ServerHarness.StartAsync();
        var sm = server.SageMaker();
        for (var round = 0; round < Rounds; round++)
        {
            var name = $"updated-{round}";
            await sm.CreatePipelineAsync(new CreatePipelineRequest
            {
                PipelineName = name, PipelineDefinition = Instant, RoleArn = Role, PipelineDescription = "d", PipelineDisplayName = "n",
            }, Ct);

            // Each update changes one member; the others must come from the version just before it, not from a stale read.
            var outcomes = await AllAtOnceAsync(20, i => sm.UpdatePipelineAsync(
                i % 2 == 0
                    ? new UpdatePipelineRequest { PipelineName = name, PipelineDescription = $"d{i}" }
                    : new UpdatePipelineRequest { PipelineName = name, PipelineDisplayName = $"n{i}" },
                Ct));

            outcomes.ShouldAllBe(o => o.Error == null);
            var versions = outcomes.Select(o => o.Result!.PipelineVersionId!.Value).ToList();
            versions.Order().ShouldBe(Enumerable.Range(2, 20).Select(v => (long)v), $"round {round}");
            for (var i = 0; i < outcomes.Count; i++)
            {
                var mine = await DescribeAsync(sm, name, versions[i]);
                var before = await DescribeAsync(sm, name, versions[i] - 1);
                var expected = i % 2 == 0 ? (Description: $"d{i}", before.DisplayName) : (before.Description, DisplayName: $"n{i}");
                mine.ShouldBe(expected, $"round {round}, version {versions[i]}");
            }
        }
    }

    [Fact]
    public async Task RetryPipelineExecution_EightConcurrent_OneRetriesAndTheOthersConflict()
    {
        await using var server = await ServerHarness.StartAsync();
        var sm = server.SageMaker();
        for (var round = 0; round < Rounds; round++)
        {
            var arn = await FailedExecutionAsync(sm, $"retried-{round}");

            var outcomes = await AllAtOnceAsync(8, _ => Retry(sm, arn));

            outcomes.Count(o => o.Error is null).ShouldBe(1, $"round {round}: one run of the execution, not several");
            outcomes.Select(o => o.Error).OfType<AwsServiceException>().Select(e => e.ErrorCode).ShouldAllBe(code => code == "ConflictException");
        }
    }

    [Fact]
    public async Task RetryPipelineExecution_RacingDeletePipeline_EitherRetriesAndTheDeleteConflictsOrIsNotFound()
    {
        await using var server = await ServerHarness.StartAsync();
        var sm = server.SageMaker();
        for (var round = 0; round < Rounds; round++)
        {
            var name = $"retry-deleted-{round}";
            var arn = await FailedExecutionAsync(sm, name);

            var outcomes = await AllAtOnceAsync(2, i => i == 0
                ? Delete(sm, name)
                : Retry(sm, arn));

            var (delete, retry) = (outcomes[0].Error as AwsServiceException, outcomes[1].Error as AwsServiceException);
            if (delete is null)
            {
                retry.ShouldNotBeNull($"round {round}: the pipeline was deleted, so the retry was not").ErrorCode.ShouldBe("ResourceNotFound");
            }
            else
            {
                (delete.ErrorCode, retry?.ErrorCode).ShouldBe(("ConflictException", null), $"round {round}");
            }

            await ShouldHaveNoOrphansAsync(server.Store);
        }
    }

    /// <summary>Creates a pipeline and runs it to Failed (its Callback step answered with a failure).</summary>
    private static async Task<string> FailedExecutionAsync(SageMakerClient sm, string name)
    {
        await CreateAsync(sm, name, CallbackThenCondition);
        var arn = (await sm.StartPipelineExecutionAsync(new StartPipelineExecutionRequest { PipelineName = name }, Ct)).PipelineExecutionArn!;
        var token = await CallbackTokenAsync(sm, arn);
        await sm.SendPipelineExecutionStepFailureAsync(new SendPipelineExecutionStepFailureRequest { CallbackToken = token, FailureReason = "no" }, Ct);
        (await WaitAsync(sm, arn)).PipelineExecutionStatus.ShouldBe(PipelineExecutionStatus.Failed);
        return arn;
    }

    /// <summary>Runs <paramref name="count"/> calls at once, each on a thread-pool thread, and keeps each one's result or service error.</summary>
    private static async Task<List<(T? Result, Exception? Error)>> AllAtOnceAsync<T>(int count, Func<int, Task<T>> call)
    {
        var calls = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            try
            {
                return ((T?)await call(i), (Exception?)null);
            }
            catch (AwsServiceException e)
            {
                return (default, e);
            }
        }));
        return [.. await Task.WhenAll(calls)];
    }

    private static async Task<string?> Start(SageMakerClient sm, string name) =>
        (await sm.StartPipelineExecutionAsync(new StartPipelineExecutionRequest { PipelineName = name }, Ct)).PipelineExecutionArn;

    private static async Task<string?> Retry(SageMakerClient sm, string arn) =>
        (await sm.RetryPipelineExecutionAsync(new RetryPipelineExecutionRequest { PipelineExecutionArn = arn }, Ct)).PipelineExecutionArn;

    private static async Task<string?> Delete(SageMakerClient sm, string name) =>
        (await sm.DeletePipelineAsync(new DeletePipelineRequest { PipelineName = name }, Ct)).PipelineArn;

    private static async Task<(string? Description, string? DisplayName)> DescribeAsync(SageMakerClient sm, string name, long version)
    {
        var described = await sm.DescribePipelineAsync(new DescribePipelineRequest { PipelineName = name, PipelineVersionId = version }, Ct);
        return (described.PipelineDescription, described.PipelineDisplayName);
    }

    /// <summary>Every execution still Executing or Stopping has the pipeline version it runs (so a restart can resume it).</summary>
    private static async Task ShouldHaveNoOrphansAsync(ISluiceStore store)
    {
        foreach (var execution in await store.ListUnfinishedExecutionsAsync(Ct))
        {
            (await store.GetPipelineAsync(execution.PipelineName, execution.PipelineVersion, Ct))
                .ShouldNotBeNull($"{execution.Arn} is {execution.Status} without its pipeline");
        }
    }
}
