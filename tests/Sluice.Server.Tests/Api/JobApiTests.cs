using Sluice.Client.Http;
using Sluice.Client.SageMaker.Jobs;
using Sluice.Core.Storage;
using Sluice.Server.Tests.Support;

namespace Sluice.Server.Tests.Api;

/// <summary>The jobs steps ran, as the engine records them, read through the C# client.</summary>
public sealed class JobApiTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DescribeTrainingJob_NameFromTheLowerCaseArn_FindsTheJob()
    {
        await using var server = await ServerHarness.StartAsync();
        await server.Store.SaveJobAsync(Trial("pipelines-abc-TrainModel", null, "Completed", T0, "{\"loss\": 0.5}") with { ParentName = null }, Ct);

        var job = await server.SageMaker().DescribeTrainingJobAsync(new DescribeTrainingJobRequest { TrainingJobName = "pipelines-abc-trainmodel" }, Ct);
        var missing = await Should.ThrowAsync<AwsServiceException>(() => server.SageMaker().DescribeTrainingJobAsync(new DescribeTrainingJobRequest { TrainingJobName = "nope" }, Ct));

        (job.TrainingJobName, job.TrainingJobStatus).ShouldBe(("pipelines-abc-TrainModel", "Completed"));
        missing.ErrorCode.ShouldBe("ValidationException");
    }

    [Fact]
    public async Task ListTrainingJobsForHyperParameterTuningJob_SortAndFilter_AsSageMakerLists()
    {
        await using var server = await ServerHarness.StartAsync();
        await server.Store.SaveJobAsync(new JobRecord(
            JobKind.HyperParameterTuning, "tune", "arn:aws:sagemaker:us-east-1:000000000000:hyper-parameter-tuning-job/tune", "Completed", "arn:e", "Tune", null,
            """{"HyperParameterTuningJobName": "tune", "HyperParameterTuningJobConfig": {"HyperParameterTuningJobObjective": {"Type": "Minimize", "MetricName": "loss"}, "ParameterRanges": {"IntegerParameterRanges": [{"Name": "x", "MinValue": "1", "MaxValue": "3"}]}}}""",
            T0, T0), Ct);
        await server.Store.SaveJobAsync(Trial("tune-001", "1", "Completed", T0.AddSeconds(1), "{\"MetricName\": \"loss\", \"Value\": 3.0}"), Ct);
        await server.Store.SaveJobAsync(Trial("tune-002", "2", "Completed", T0.AddSeconds(2), "{\"MetricName\": \"loss\", \"Value\": 1.0}"), Ct);
        await server.Store.SaveJobAsync(Trial("tune-003", "3", "Failed", T0.AddSeconds(3), null), Ct);
        var sm = server.SageMaker();

        var byName = await sm.ListTrainingJobsForHyperParameterTuningJobAsync(new ListTrainingJobsForHyperParameterTuningJobRequest { HyperParameterTuningJobName = "tune" }, Ct);
        var best = await sm.ListTrainingJobsForHyperParameterTuningJobAsync(new ListTrainingJobsForHyperParameterTuningJobRequest { HyperParameterTuningJobName = "tune", SortBy = "FinalObjectiveMetricValue", StatusEquals = "Completed", MaxResults = 1 }, Ct);
        var missing = await Should.ThrowAsync<AwsServiceException>(() => sm.ListTrainingJobsForHyperParameterTuningJobAsync(new ListTrainingJobsForHyperParameterTuningJobRequest { HyperParameterTuningJobName = "none" }, Ct));

        byName.TrainingJobSummaries!.Select(s => s.TrainingJobName).ShouldBe(["tune-001", "tune-002", "tune-003"]);
        var first = byName.TrainingJobSummaries![0];
        first.TunedHyperParameters.ShouldBe(new Dictionary<string, string> { ["x"] = "1" }, "only the tuned hyperparameters");
        (first.FinalHyperParameterTuningJobObjectiveMetric!.MetricName, first.FinalHyperParameterTuningJobObjectiveMetric.Value, first.ObjectiveStatus).ShouldBe(("loss", 3.0f, "Succeeded"));
        byName.TrainingJobSummaries[2].ObjectiveStatus.ShouldBe("Failed");
        best.TrainingJobSummaries!.Single().TrainingJobName.ShouldBe("tune-002");
        best.NextToken.ShouldNotBeNull();
        missing.ErrorCode.ShouldBe("ResourceNotFound");
    }

    private static JobRecord Trial(string name, string? x, string status, DateTimeOffset created, string? metric) => new(
        JobKind.Training,
        name,
        $"arn:aws:sagemaker:us-east-1:000000000000:training-job/{name.ToLowerInvariant()}",
        status,
        "arn:e",
        "Tune",
        "tune",
        $$"""{"TrainingJobName": "{{name}}", "TrainingJobStatus": "{{status}}", "HyperParameters": {"x": "{{x ?? "0"}}", "static": "s"}, "FinalMetricDataList": [{{metric ?? string.Empty}}]}""",
        created,
        created);
}
