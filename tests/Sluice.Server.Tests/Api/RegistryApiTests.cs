using Sluice.Client.Http;
using Sluice.Client.SageMaker;
using Sluice.Client.SageMaker.Executions;
using Sluice.Client.SageMaker.Pipelines;
using Sluice.Client.SageMaker.Registry;
using Sluice.Server.Tests.Support;
using static Sluice.Server.Tests.Support.TestPipelines;

namespace Sluice.Server.Tests.Api;

/// <summary>The model registry the Model and RegisterModel steps fill, read and approved through the C# client.</summary>
public sealed class RegistryApiTests
{
    private const string Image = "246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-xgboost:1.7-1";

    private static readonly string Definition = """
        {"Version": "2020-12-01", "Metadata": {}, "Parameters": [], "PipelineExperimentConfig": null,
         "Steps": [
          {"Name": "CreateModel", "Type": "Model", "Arguments": {"ExecutionRoleArn": "ROLE", "EnableNetworkIsolation": true,
           "PrimaryContainer": {"Image": "IMAGE", "ModelDataUrl": "s3://bucket/model.tar.gz"}}},
          {"Name": "Register", "Type": "RegisterModel", "Arguments": {"ModelPackageGroupName": "Churn", "ModelPackageDescription": "churn v1",
           "CustomerMetadataProperties": {"team": "ml"},
           "InferenceSpecification": {"Containers": [{"Image": "IMAGE", "ModelDataUrl": "s3://bucket/model.tar.gz"}],
             "SupportedContentTypes": ["text/csv"], "SupportedResponseMIMETypes": ["text/csv"]}}}]}
        """.Replace("ROLE", Role, StringComparison.Ordinal).Replace("IMAGE", Image, StringComparison.Ordinal);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RegistryReads_AfterAnExecution_DescribeAndListWhatTheStepsMade()
    {
        await using var server = await ServerHarness.StartAsync();
        var sm = server.SageMaker();
        var (modelArn, packageArn) = await RunAsync(sm);

        var model = await sm.DescribeModelAsync(new DescribeModelRequest { ModelName = modelArn.Split('/')[^1] }, Ct);
        var package = await sm.DescribeModelPackageAsync(new DescribeModelPackageRequest { ModelPackageName = packageArn }, Ct);
        var listed = await sm.ListModelPackagesAsync(new ListModelPackagesRequest { ModelPackageGroupName = "Churn" }, Ct);
        var group = await sm.DescribeModelPackageGroupAsync(new DescribeModelPackageGroupRequest { ModelPackageGroupName = "Churn" }, Ct);
        var groups = await sm.ListModelPackageGroupsAsync(new ListModelPackageGroupsRequest { NameContains = "Chu" }, Ct);

        model.Json.GetRawText().Split("\"EnableNetworkIsolation\"").Length.ShouldBe(2, "the member appears once");
        model.GetString("ModelArn").ShouldBe(modelArn);
        (package.ModelPackageVersion, package.ModelApprovalStatus, package.ModelPackageDescription).ShouldBe((1, "PendingManualApproval", "churn v1"));
        listed.ModelPackageSummaryList!.Single().ModelPackageArn.ShouldBe(packageArn);
        group.ModelPackageGroupArn.ShouldBe("arn:aws:sagemaker:us-east-1:000000000000:model-package-group/churn");
        groups.ModelPackageGroupSummaryList!.Select(g => g.ModelPackageGroupName).ShouldBe(["Churn"]);
    }

    [Fact]
    public async Task UpdateModelPackage_ApprovalAndMetadata_ChangeOnlyWhatIsGiven()
    {
        await using var server = await ServerHarness.StartAsync();
        var sm = server.SageMaker();
        var (_, packageArn) = await RunAsync(sm);

        await sm.UpdateModelPackageAsync(new UpdateModelPackageRequest { ModelPackageArn = packageArn, ModelApprovalStatus = "Approved" }, Ct);
        await sm.UpdateModelPackageAsync(new UpdateModelPackageRequest
        {
            ModelPackageArn = packageArn,
            ApprovalDescription = "checked by hand",
            CustomerMetadataProperties = new Dictionary<string, string> { ["stage"] = "prod" },
            CustomerMetadataPropertiesToRemove = ["team"],
        }, Ct);
        var package = await sm.DescribeModelPackageAsync(new DescribeModelPackageRequest { ModelPackageName = packageArn }, Ct);
        var approved = await sm.ListModelPackagesAsync(new ListModelPackagesRequest { ModelApprovalStatus = "Approved" }, Ct);
        var bad = await Should.ThrowAsync<AwsServiceException>(() => sm.UpdateModelPackageAsync(new UpdateModelPackageRequest { ModelPackageArn = packageArn, ModelApprovalStatus = "Maybe" }, Ct));

        (package.ModelApprovalStatus, package.ApprovalDescription).ShouldBe(("Approved", "checked by hand"));
        package.Find("CustomerMetadataProperties")!.Value.GetRawText().ShouldBe("{\"stage\":\"prod\"}");
        approved.ModelPackageSummaryList!.Single().ModelPackageArn.ShouldBe(packageArn);
        bad.ErrorCode.ShouldBe("ValidationException");
    }

    [Fact]
    public async Task RegistryReads_UnknownNames_AnswerValidationException()
    {
        await using var server = await ServerHarness.StartAsync();
        var sm = server.SageMaker();

        var model = await Should.ThrowAsync<AwsServiceException>(() => sm.DescribeModelAsync(new DescribeModelRequest { ModelName = "none" }, Ct));
        var package = await Should.ThrowAsync<AwsServiceException>(() => sm.DescribeModelPackageAsync(new DescribeModelPackageRequest { ModelPackageName = "arn:aws:sagemaker:us-east-1:000000000000:model-package/none/1" }, Ct));
        var group = await Should.ThrowAsync<AwsServiceException>(() => sm.DescribeModelPackageGroupAsync(new DescribeModelPackageGroupRequest { ModelPackageGroupName = "none" }, Ct));

        new[] { model.ErrorCode, package.ErrorCode, group.ErrorCode }.ShouldAllBe(code => code == "ValidationException");
    }

    [Fact]
    public async Task CreatePipeline_DefinitionS3LocationMissing_IsAValidationExceptionNotAFault()
    {
        await using var server = await ServerHarness.StartAsync();

        var error = await Should.ThrowAsync<AwsServiceException>(() => server.SageMaker().CreatePipelineAsync(new CreatePipelineRequest
        {
            PipelineName = "from-s3", RoleArn = Role, PipelineDefinitionS3Location = new PipelineDefinitionS3Location("bucket", "missing.json"),
        }, Ct));

        error.ErrorCode.ShouldBe("ValidationException");
        error.Message.ShouldContain("s3://bucket/missing.json");
    }

    private static async Task<(string ModelArn, string PackageArn)> RunAsync(SageMakerClient sm)
    {
        await CreateAsync(sm, "registry", Definition);
        var arn = (await sm.StartPipelineExecutionAsync(new StartPipelineExecutionRequest { PipelineName = "registry" }, Ct)).PipelineExecutionArn!;
        (await WaitAsync(sm, arn)).PipelineExecutionStatus.ShouldBe(PipelineExecutionStatus.Succeeded);
        var steps = await sm.ListAllPipelineExecutionStepsAsync(new Client.SageMaker.Steps.ListPipelineExecutionStepsRequest { PipelineExecutionArn = arn }, Ct).ToListAsync(Ct);
        return (steps.Single(s => s.StepName == "CreateModel").Metadata!.Model!.Arn!, steps.Single(s => s.StepName == "Register").Metadata!.RegisterModel!.Arn!);
    }
}
