using Sluice.Core.Storage;
using static Sluice.Core.Tests.Storage.StoreTestData;

namespace Sluice.Core.Tests.Storage.Contract;

public abstract partial class SluiceStoreContractTests
{
    [Fact]
    public async Task SaveJob_SameKindAndName_ReplacesTheRecord()
    {
        var running = Job(JobKind.Training, "job-1", "InProgress", T0);

        await Store.SaveJobAsync(running, TestContext.Current.CancellationToken);
        await Store.SaveJobAsync(running with { Status = "Completed", DescribeJson = "{\"TrainingJobStatus\": \"Completed\"}", LastModifiedTime = T0.AddMinutes(1) }, TestContext.Current.CancellationToken);

        var stored = await Store.GetJobAsync(JobKind.Training, "job-1", TestContext.Current.CancellationToken);
        stored.ShouldBe(running with { Status = "Completed", DescribeJson = "{\"TrainingJobStatus\": \"Completed\"}", LastModifiedTime = T0.AddMinutes(1) });
    }

    [Fact]
    public async Task SaveStepsWithJobs_StepAndItsJob_AreBothStored()
    {
        var execution = await CreateExecutionAsync();
        var step = NewStep(execution, "Prep", status: StepStatus.Executing);
        var job = Job(JobKind.Processing, "pipelines-x-Prep", "InProgress", T0) with { ExecutionArn = execution, StepName = "Prep" };

        await Store.SaveStepsAsync([step], [job, job with { Status = "Completed" }], TestContext.Current.CancellationToken);

        (await Store.ListStepsAsync(execution, TestContext.Current.CancellationToken)).ShouldBe([step]);
        (await Store.GetJobAsync(JobKind.Processing, "pipelines-x-Prep", TestContext.Current.CancellationToken))!.Status
            .ShouldBe("Completed", "of two records of one job in a batch, the later wins");
    }

    [Fact]
    public async Task SaveStepsWithJobs_JobsOnly_AreStored()
    {
        await Store.SaveStepsAsync([], [Job(JobKind.Training, "alone", "InProgress", T0)], TestContext.Current.CancellationToken);

        (await Store.GetJobAsync(JobKind.Training, "alone", TestContext.Current.CancellationToken)).ShouldNotBeNull();
    }

    [Fact]
    public async Task GetJob_OtherKindWithTheSameName_IsNotFound()
    {
        await Store.SaveJobAsync(Job(JobKind.Processing, "same", "Completed", T0), TestContext.Current.CancellationToken);

        (await Store.GetJobAsync(JobKind.Transform, "same", TestContext.Current.CancellationToken)).ShouldBeNull();
        (await Store.GetJobAsync(JobKind.Processing, "same", TestContext.Current.CancellationToken)).ShouldNotBeNull();
    }

    [Fact]
    public async Task GetJob_NameInAnotherCase_FindsTheJob()
    {
        await Store.SaveJobAsync(Job(JobKind.Training, "pipelines-abc-TrainModel", "Completed", T0), TestContext.Current.CancellationToken);

        var found = await Store.GetJobAsync(JobKind.Training, "pipelines-abc-trainmodel", TestContext.Current.CancellationToken);

        found!.Name.ShouldBe("pipelines-abc-TrainModel", "the name as the job was given it");
    }

    [Fact]
    public async Task ListTrialJobs_ReturnsTheTuningJobsTrialsInStartOrder()
    {
        await Store.SaveJobAsync(Job(JobKind.Training, "t-2", "Completed", T0.AddSeconds(2)) with { ParentName = "tune" }, TestContext.Current.CancellationToken);
        await Store.SaveJobAsync(Job(JobKind.Training, "t-1", "Completed", T0.AddSeconds(1)) with { ParentName = "tune" }, TestContext.Current.CancellationToken);
        await Store.SaveJobAsync(Job(JobKind.Training, "other", "Completed", T0) with { ParentName = "other-tune" }, TestContext.Current.CancellationToken);
        await Store.SaveJobAsync(Job(JobKind.Training, "plain", "Completed", T0), TestContext.Current.CancellationToken);

        var trials = await Store.ListTrialJobsAsync("tune", TestContext.Current.CancellationToken);

        trials.Select(t => t.Name).ShouldBe(["t-1", "t-2"]);
    }

    [Fact]
    public async Task SaveClientToken_SecondAnswerForTheSameToken_KeepsTheFirst()
    {

        await Store.SaveClientTokenAsync(new ClientTokenRecord("StartPipelineExecution", "tok", "{\"a\":1}", "{\"first\":1}", T0), T0.AddDays(-1), TestContext.Current.CancellationToken);
        await Store.SaveClientTokenAsync(new ClientTokenRecord("StartPipelineExecution", "tok", "{\"a\":1}", "{\"second\":1}", T0), T0.AddDays(-1), TestContext.Current.CancellationToken);

        (await Store.GetClientTokenAsync("StartPipelineExecution", "tok", TestContext.Current.CancellationToken))!.ResponseBody.ShouldBe("{\"first\":1}");
        (await Store.GetClientTokenAsync("StopPipelineExecution", "tok", TestContext.Current.CancellationToken)).ShouldBeNull("tokens are per operation");
    }

    [Fact]
    public async Task SaveClientToken_OlderTokens_AreForgotten()
    {
        await Store.SaveClientTokenAsync(new ClientTokenRecord("CreatePipeline", "old", "{}", "{}", T0), T0.AddDays(-1), TestContext.Current.CancellationToken);

        await Store.SaveClientTokenAsync(new ClientTokenRecord("CreatePipeline", "new", "{}", "{}", T0.AddDays(2)), T0.AddDays(1), TestContext.Current.CancellationToken);

        (await Store.GetClientTokenAsync("CreatePipeline", "old", TestContext.Current.CancellationToken)).ShouldBeNull();
        (await Store.GetClientTokenAsync("CreatePipeline", "new", TestContext.Current.CancellationToken)).ShouldNotBeNull();
    }

    [Fact]
    public async Task ClientToken_AfterReopen_IsStillKnown()
    {
        await using (var first = await OpenStoreAsync())
        {
            await first.SaveClientTokenAsync(new ClientTokenRecord("CreatePipeline", "tok", "{}", "{\"PipelineArn\":\"a\"}", T0), T0.AddDays(-1), TestContext.Current.CancellationToken);
        }

        await using var reopened = await OpenStoreAsync();
        (await reopened.GetClientTokenAsync("CreatePipeline", "tok", TestContext.Current.CancellationToken))!.ResponseBody.ShouldBe("{\"PipelineArn\":\"a\"}");
    }

    private static JobRecord Job(JobKind kind, string name, string status, DateTimeOffset created) =>
        new(kind, name, $"arn:aws:sagemaker:us-east-1:000000000000:job/{name}", status, "arn:execution", "Step", null, "{}", created, created);
}
