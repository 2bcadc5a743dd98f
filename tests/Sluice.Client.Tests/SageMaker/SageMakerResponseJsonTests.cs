using System.Text.Json;
using System.Text.Json.Nodes;
using Sluice.Client.SageMaker;
using Sluice.Client.SageMaker.Executions;
using Sluice.Client.SageMaker.Jobs;
using Sluice.Client.SageMaker.Pipelines;
using Sluice.Client.SageMaker.Steps;

namespace Sluice.Client.Tests.SageMaker;

/// <summary>Responses in the shapes of botocore's model (member names as in service-2.json), read and written back.</summary>
public sealed class SageMakerResponseJsonTests
{
    private const string DescribeExecution = """
        {"PipelineArn":"arn:aws:sagemaker:us-east-1:111122223333:pipeline/demo",
         "PipelineExecutionArn":"arn:aws:sagemaker:us-east-1:111122223333:pipeline/demo/execution/0a1b2c3d4e5f",
         "PipelineExecutionDisplayName":"nightly","PipelineExecutionStatus":"Failed","PipelineExecutionDescription":"run",
         "PipelineExperimentConfig":{"ExperimentName":"demo","TrialName":"0a1b2c3d4e5f"},
         "FailureReason":"Step failure: One or multiple steps failed.",
         "CreationTime":1700000000.123,"LastModifiedTime":1700000100,
         "CreatedBy":{"UserProfileArn":"arn:aws:sagemaker:us-east-1:111122223333:user-profile/d-1/alice","UserProfileName":"alice","DomainId":"d-1",
                      "IamIdentity":{"Arn":"arn:aws:sts::111122223333:assumed-role/R/alice","PrincipalId":"AROA:alice","SourceIdentity":"alice"}},
         "LastModifiedBy":{"UserProfileName":"bob"},
         "ParallelismConfiguration":{"MaxParallelExecutionSteps":4},
         "SelectiveExecutionConfig":{"SourcePipelineExecutionArn":"arn:aws:sagemaker:us-east-1:111122223333:pipeline/demo/execution/prev","SelectedSteps":[{"StepName":"Train"}]},
         "PipelineVersionId":3,
         "MLflowConfig":{"MlflowResourceArn":"arn:aws:sagemaker:us-east-1:111122223333:mlflow-tracking-server/t","MlflowExperimentName":"exp"}}
        """;

    private const string ListSteps = """
        {"PipelineExecutionSteps":[
          {"StepName":"Approve","StepDisplayName":"Approve it","StepDescription":"waits","StartTime":1700000000,"EndTime":1700000060.5,"StepStatus":"Succeeded",
           "Metadata":{"Callback":{"CallbackToken":"aB3dE5gH7j","SqsQueueUrl":"https://sqs.us-east-1.amazonaws.com/111122223333/approvals",
                                    "OutputParameters":[{"Name":"score","Value":"7"}]}},"AttemptCount":1},
          {"StepName":"Train","StartTime":1700000000,"StepStatus":"Succeeded","CacheHitResult":{"SourcePipelineExecutionArn":"arn:aws:sagemaker:us-east-1:111122223333:pipeline/demo/execution/old"},
           "Metadata":{"TrainingJob":{"Arn":"arn:aws:sagemaker:us-east-1:111122223333:training-job/pipelines-abc-train"}},"AttemptCount":2,
           "SelectiveExecutionResult":{"SourcePipelineExecutionArn":"arn:aws:sagemaker:us-east-1:111122223333:pipeline/demo/execution/prev"}},
          {"StepName":"Check","StepStatus":"Succeeded","Metadata":{"Condition":{"Outcome":"False"}}},
          {"StepName":"Fn","StepStatus":"Succeeded","Metadata":{"Lambda":{"Arn":"arn:aws:lambda:us-east-1:111122223333:function:f","OutputParameters":[{"Name":"out","Value":"1"}]}}},
          {"StepName":"Stop","StepStatus":"Failed","FailureReason":"too low","Metadata":{"Fail":{"ErrorMessage":"too low"}}},
          {"StepName":"Emr","StepStatus":"Executing","Metadata":{"EMR":{"ClusterId":"j-1","StepId":"s-1","StepName":"spark","LogFilePath":"s3://logs/"}}},
          {"StepName":"Quality","StepStatus":"Succeeded","Metadata":{"QualityCheck":{"CheckType":"DATA_QUALITY","SkipCheck":false,"RegisterNewBaseline":true,
                                                                                   "CalculatedBaselineStatistics":"s3://b/statistics.json"}}},
          {"StepName":"Lineage","StepStatus":"Succeeded","Metadata":{"Lineage":{"ArtifactArns":{"model":"arn:a"},"Associations":[{"SourceArn":"arn:s","DestinationArn":"arn:d"}]}}},
          {"StepName":"Register","StepStatus":"Succeeded","Metadata":{"RegisterModel":{"Arn":"arn:aws:sagemaker:us-east-1:111122223333:model-package/g/1"}}}
         ],"NextToken":"page2"}
        """;

    [Fact]
    public void DescribePipelineExecution_FullResponse_ReadsEveryMember()
    {
        var response = JsonSerializer.Deserialize(DescribeExecution, SageMakerJsonContext.Default.DescribePipelineExecutionResponse)!;

        response.PipelineExecutionStatus.ShouldBe(PipelineExecutionStatus.Failed);
        response.CreationTime.ShouldBe(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123));
        response.LastModifiedTime.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1_700_000_100));
        response.CreatedBy!.IamIdentity!.PrincipalId.ShouldBe("AROA:alice");
        response.LastModifiedBy!.UserProfileName.ShouldBe("bob");
        response.PipelineExperimentConfig!.TrialName.ShouldBe("0a1b2c3d4e5f");
        response.ParallelismConfiguration!.MaxParallelExecutionSteps.ShouldBe(4);
        response.SelectiveExecutionConfig!.SelectedSteps.ShouldBe([new SelectedStep("Train")]);
        response.PipelineVersionId.ShouldBe(3L);
        response.MLflowConfig!.MlflowExperimentName.ShouldBe("exp");
        response.FailureReason.ShouldBe("Step failure: One or multiple steps failed.");
    }

    [Fact]
    public void DescribePipelineExecution_RoundTrip_WritesTheSameJson()
    {
        var response = JsonSerializer.Deserialize(DescribeExecution, SageMakerJsonContext.Default.DescribePipelineExecutionResponse)!;

        var written = JsonSerializer.Serialize(response, SageMakerJsonContext.Default.DescribePipelineExecutionResponse);

        JsonNode.DeepEquals(JsonNode.Parse(written), JsonNode.Parse(DescribeExecution)).ShouldBeTrue(written);
    }

    [Fact]
    public void ListPipelineExecutionSteps_EveryMetadataKind_ReadsTheirMembers()
    {
        var response = JsonSerializer.Deserialize(ListSteps, SageMakerJsonContext.Default.ListPipelineExecutionStepsResponse)!;
        var steps = response.PipelineExecutionSteps!.ToDictionary(s => s.StepName!);

        steps["Approve"].Metadata!.Callback!.CallbackToken.ShouldBe("aB3dE5gH7j");
        steps["Approve"].Metadata!.Callback!.OutputParameters.ShouldBe([new OutputParameter("score", "7")]);
        steps["Approve"].EndTime.ShouldBe(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_060_500));
        steps["Train"].Metadata!.TrainingJob!.Arn.ShouldBe("arn:aws:sagemaker:us-east-1:111122223333:training-job/pipelines-abc-train");
        steps["Train"].CacheHitResult!.SourcePipelineExecutionArn.ShouldEndWith("/execution/old");
        steps["Train"].SelectiveExecutionResult!.SourcePipelineExecutionArn.ShouldEndWith("/execution/prev");
        steps["Train"].AttemptCount.ShouldBe(2);
        steps["Check"].Metadata!.Condition!.Outcome.ShouldBe("False");
        steps["Fn"].Metadata!.Lambda!.OutputParameters![0].Value.ShouldBe("1");
        steps["Stop"].Metadata!.Fail!.ErrorMessage.ShouldBe("too low");
        steps["Stop"].StepStatus.ShouldBe(StepStatus.Failed);
        steps["Emr"].Metadata!.EMR!.ClusterId.ShouldBe("j-1");
        steps["Quality"].Metadata!.QualityCheck!.RegisterNewBaseline.ShouldBe(true);
        steps["Lineage"].Metadata!.Lineage!.ArtifactArns!["model"].ShouldBe("arn:a");
        steps["Lineage"].Metadata!.Lineage!.Associations.ShouldBe([new AssociationInfo("arn:s", "arn:d")]);
        steps["Register"].Metadata!.RegisterModel!.Arn.ShouldEndWith("model-package/g/1");
        response.NextToken.ShouldBe("page2");
    }

    [Fact]
    public void ListPipelineExecutionSteps_RoundTrip_WritesTheSameJson()
    {
        var response = JsonSerializer.Deserialize(ListSteps, SageMakerJsonContext.Default.ListPipelineExecutionStepsResponse)!;

        var written = JsonSerializer.Serialize(response, SageMakerJsonContext.Default.ListPipelineExecutionStepsResponse);

        JsonNode.DeepEquals(JsonNode.Parse(written), JsonNode.Parse(ListSteps)).ShouldBeTrue(written);
    }

    [Fact]
    public void DescribePipeline_IsoTimestampsAndUnknownMembers_AreRead()
    {
        const string json = """
            {"PipelineArn":"arn:aws:sagemaker:us-east-1:1:pipeline/p","PipelineName":"p","PipelineDefinition":"{\"Version\":\"2020-12-01\"}",
             "PipelineStatus":"Active","CreationTime":"2023-11-14T22:13:20Z","LastRunTime":1700000000,"SomethingNew":{"x":1},
             "PipelineVersionDisplayName":"v3","PipelineVersionDescription":"third"}
            """;

        var response = JsonSerializer.Deserialize(json, SageMakerJsonContext.Default.DescribePipelineResponse)!;

        response.CreationTime.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        response.LastRunTime.ShouldBe(response.CreationTime);
        response.PipelineDefinition.ShouldBe("""{"Version":"2020-12-01"}""");
        response.PipelineVersionDisplayName.ShouldBe("v3");
    }

    [Fact]
    public void ListPipelineVersions_LongVersionIds_AreRead()
    {
        const string json = """
            {"PipelineVersionSummaries":[{"PipelineArn":"arn:p","PipelineVersionId":3000000000,"CreationTime":1700000000,
              "LastExecutionPipelineExecutionArn":"arn:p/execution/e"}]}
            """;

        var response = JsonSerializer.Deserialize(json, SageMakerJsonContext.Default.ListPipelineVersionsResponse)!;

        response.PipelineVersionSummaries!.ShouldHaveSingleItem().PipelineVersionId.ShouldBe(3_000_000_000L);
    }

    [Fact]
    public void ListTrainingJobsForHyperParameterTuningJob_Summaries_ReadMetricAndHyperParameters()
    {
        const string json = """
            {"TrainingJobSummaries":[{"TrainingJobName":"t-001","TrainingJobArn":"arn:t","CreationTime":1700000000,"TrainingJobStatus":"Completed",
              "TunedHyperParameters":{"max_depth":"4"},"FinalHyperParameterTuningJobObjectiveMetric":{"Type":"Minimize","MetricName":"mse","Value":2.5},
              "ObjectiveStatus":"Succeeded"}]}
            """;

        var summary = JsonSerializer.Deserialize(json, SageMakerJsonContext.Default.ListTrainingJobsForHyperParameterTuningJobResponse)!.TrainingJobSummaries!.Single();

        summary.TunedHyperParameters!["max_depth"].ShouldBe("4");
        summary.FinalHyperParameterTuningJobObjectiveMetric!.Value.ShouldBe(2.5);
    }

    [Fact]
    public void StartPipelineExecutionRequest_NullMembers_AreOmitted()
    {
        var request = new StartPipelineExecutionRequest { PipelineName = "p", PipelineParameters = [new Parameter("A", "1")] };

        JsonSerializer.Serialize(request, SageMakerJsonContext.Default.StartPipelineExecutionRequest)
            .ShouldBe("""{"PipelineName":"p","PipelineParameters":[{"Name":"A","Value":"1"}]}""");
    }

    [Fact]
    public void ListPipelinesRequest_Timestamps_AreEpochSecondNumbers()
    {
        var request = new ListPipelinesRequest { CreatedAfter = DateTimeOffset.FromUnixTimeSeconds(1_672_531_200), SortBy = "Name", MaxResults = 5 };

        JsonSerializer.Serialize(request, SageMakerJsonContext.Default.ListPipelinesRequest)
            .ShouldBe("""{"CreatedAfter":1672531200,"SortBy":"Name","MaxResults":5}""");
    }

    [Fact]
    public void DescribeTrainingJobResponse_JsonBacked_ReadsTypedMembersAndAnyPath()
    {
        using var document = JsonDocument.Parse("""
            {"TrainingJobName":"train","TrainingJobArn":"arn:t","TrainingJobStatus":"Completed","SecondaryStatus":"Completed",
             "ModelArtifacts":{"S3ModelArtifacts":"s3://b/model.tar.gz"},"CreationTime":1700000000,"TrainingEndTime":"2023-11-14T22:13:20Z",
             "HyperParameters":{"epochs":"3"},"FinalMetricDataList":[{"MetricName":"mse","Value":1.5}]}
            """);

        var response = new DescribeTrainingJobResponse(document.RootElement);

        response.TrainingJobStatus.ShouldBe("Completed");
        response.S3ModelArtifacts.ShouldBe("s3://b/model.tar.gz");
        response.CreationTime.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        response.TrainingEndTime.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        response.GetString("HyperParameters", "epochs").ShouldBe("3");
        response.Find("FinalMetricDataList")!.Value.GetArrayLength().ShouldBe(1);
        response.Find("Missing", "Deeper").ShouldBeNull();
        response.FailureReason.ShouldBeNull();
    }
}
