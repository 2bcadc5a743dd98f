using System.Text.Json.Nodes;
using Sluice.Core.Execution;
using Sluice.Core.Tests.Support;
using static Sluice.Definitions.Tests.Support.Pipelines;

namespace Sluice.Core.Tests.Execution;

/// <summary>Model and RegisterModel steps write the local model registry.</summary>
public sealed class RegistryStepTests
{
    [Fact]
    public async Task Run_ModelAndRegisterModel_RecordTheModelAndVersionThePackages()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var definition = Definition(
            [Parameter("Approval", "String", "PendingManualApproval")],
            Model("Create"),
            Register("Register", Get("Parameters.Approval")),
            Fail("Show", Join(" ", Get("Steps.Create.ModelName"), Get("Steps.Register.ModelPackageArn"), Get("Steps.Register.ModelApprovalStatus")), "Create", "Register"));

        var first = await harness.RunAsync(definition);
        var second = await harness.RunAsync(definition, parameters: ("Approval", "Approved"));

        first.FailureReason.ShouldBe($"pipelines-{first.ExecutionId}-Create arn:aws:sagemaker:us-east-1:000000000000:model-package/churn-models/1 PendingManualApproval");
        second.FailureReason.ShouldBe($"pipelines-{second.ExecutionId}-Create arn:aws:sagemaker:us-east-1:000000000000:model-package/churn-models/2 Approved");
        var packages = await harness.Store.ListModelPackagesAsync("churn-models", TestContext.Current.CancellationToken);
        packages.Select(p => (p.Version, p.ApprovalStatus)).ShouldBe([(2, "Approved"), (1, "PendingManualApproval")]);
        var describe = JsonNode.Parse(packages[0].DescribeJson)!;
        describe["InferenceSpecification"]!["Containers"]![0]!["Image"]!.GetValue<string>().ShouldBe("image");
        describe["ModelPackageGroupName"]!.GetValue<string>().ShouldBe("churn-models");
        var model = await harness.Store.GetModelAsync($"pipelines-{first.ExecutionId}-Create", TestContext.Current.CancellationToken);
        model.ShouldNotBeNull().Arn.ShouldBe($"arn:aws:sagemaker:us-east-1:000000000000:model/pipelines-{first.ExecutionId}-create");
        (await harness.StepsAsync(first.Arn)).Single(s => s.StepName == "Register").MetadataJson
            .ShouldBe("{\"RegisterModel\": {\"Arn\": \"arn:aws:sagemaker:us-east-1:000000000000:model-package/churn-models/1\"}}");
    }

    [Fact]
    public async Task Run_UnknownApprovalStatus_FailsTheStep()
    {
        await using var harness = await EngineHarness.CreateAsync();

        var execution = await harness.RunAsync(Definition(Register("Register", "Maybe")));

        (await harness.StepsAsync(execution.Arn)).Single().FailureReason.ShouldBe(
            "ClientError: ModelApprovalStatus 'Maybe' is not one of PendingManualApproval, Approved, Rejected");
    }

    private static JsonObject Model(string name) => new()
    {
        ["Name"] = name,
        ["Type"] = "Model",
        ["Arguments"] = new JsonObject
        {
            ["ExecutionRoleArn"] = "arn:aws:iam::111122223333:role/SageMakerRole",
            ["PrimaryContainer"] = new JsonObject { ["Image"] = "image", ["ModelDataUrl"] = "s3://bucket/model.tar.gz" },
        },
    };

    private static JsonObject Register(string name, JsonNode approval) => new()
    {
        ["Name"] = name,
        ["Type"] = "RegisterModel",
        ["Arguments"] = new JsonObject
        {
            ["ModelPackageGroupName"] = "churn-models",
            ["InferenceSpecification"] = new JsonObject
            {
                ["Containers"] = new JsonArray(new JsonObject { ["Image"] = "image", ["ModelDataUrl"] = "s3://bucket/model.tar.gz" }),
                ["SupportedContentTypes"] = new JsonArray("text/csv"),
                ["SupportedResponseMIMETypes"] = new JsonArray("text/csv"),
            },
            ["ModelApprovalStatus"] = approval,
        },
    };
}
