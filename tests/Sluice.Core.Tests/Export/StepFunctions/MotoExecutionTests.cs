using System.Text.Json.Nodes;
using Sluice.Core.Export.StepFunctions;
using static Sluice.Core.Tests.Export.StepFunctions.ExportHelper;
using static Sluice.Core.Tests.Export.StepFunctions.MotoStepFunctions;

namespace Sluice.Core.Tests.Export.StepFunctions;

/// <summary>
/// Every scenario of these tests, run once in moto (see <see cref="MotoStepFunctions"/>). The example pipeline and the
/// Lambda/Callback pipeline are compared with Sluice's own runs in <c>SideBySide/</c>; here the SDK fixture whose
/// training job uses a built-in algorithm image (which Sluice cannot run) is run with given job results, and every
/// fixture is created in moto in both compute modes.
/// </summary>
public sealed class MotoExecutionFixture
{
    public const string GatePasses = "gate-passes";
    public const string GateFails = "gate-fails";
    public const string ValidatedPrefix = "validated:";
    public const string SageMakerSync = "diabetes-sagemaker-sync";

    public const string CallbackPipeline = """
        {"Version": "2020-12-01", "Metadata": {}, "Parameters": [{"Name": "Who", "Type": "String", "DefaultValue": "tests"}],
         "Steps": [
          {"Name": "Ask", "Type": "Lambda", "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:ask",
           "OutputParameters": [{"OutputName": "who", "OutputType": "String"}], "Arguments": {"who": {"Get": "Parameters.Who"}}},
          {"Name": "Approve", "Type": "Callback", "SqsQueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/approvals",
           "OutputParameters": [{"OutputName": "decision", "OutputType": "String"}],
           "Arguments": {"asker": {"Get": "Steps.Ask.OutputParameters['who']"}}},
          {"Name": "Decide", "Type": "Condition", "Arguments": {
            "Conditions": [{"Type": "Equals", "LeftValue": {"Get": "Steps.Approve.OutputParameters['decision']"}, "RightValue": "go"}],
            "IfSteps": [{"Name": "Go", "Type": "Lambda", "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:ask", "OutputParameters": [], "Arguments": {}}],
            "ElseSteps": [{"Name": "Stop", "Type": "Fail", "Arguments": {"ErrorMessage": {"Std:Join": {"On": " ", "Values": ["decision was", {"Get": "Steps.Approve.OutputParameters['decision']"}]}}}}]}}]}
        """;

    public MotoExecutionFixture()
    {
        var scenarios = new List<(string Id, JsonObject Scenario)>();
        var diabetes = File.ReadAllText(Path.Combine(RepositoryRoot(), "examples", "diabetes", "pipeline.json"));
        var gate = ExportOf(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "sdk", "condition_all_types.json")), ComputeTarget.Batch);
        JsonObject Gate(double accuracy)
        {
            var scenario = Scenario(gate);
            scenario["objects"] = new JsonObject
            {
                ["s3://sagemaker-us-west-2-111122223333/QualityGate/run-1/Evaluate/output/evaluation/evaluation.json"] =
                    "{\"binary_classification_metrics\": {\"accuracy\": {\"value\": " + accuracy.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}, \"auc\": {\"value\": 0.95}}}",
            };
            scenario["batchProperties"] = JsonNode.Parse("""
                {"Train": {"FinalMetricDataList": [{"MetricName": "train:auc", "Value": 0.99}, {"MetricName": "validation:auc", "Value": 0.81}],
                           "TrainingTimeInSeconds": 100, "BillableTimeInSeconds": 100, "ModelArtifacts": {"S3ModelArtifacts": "s3://b/model.tar.gz"}},
                 "Evaluate": {}}
                """);
            return scenario;
        }

        scenarios.Add((GatePasses, Gate(0.9)));
        scenarios.Add((GateFails, Gate(0.5)));

        // moto 5.2.1 forwards sagemaker:* request-response tasks to its fake SageMaker but has no .sync for them.
        scenarios.Add((SageMakerSync, Scenario(ExportOf(diabetes, ComputeTarget.SageMaker, allowApproximations: true))));

        // The SageMaker machines: moto parses them and would run them as far as its integrations go (it has no
        // SageMaker .sync), so they are created (validated) only.
        var sources = new Dictionary<string, string> { ["diabetes"] = diabetes };
        foreach (var fixture in new[] { "abalone", "callback", "condition_all_types", "execution_variables", "fail", "functions", "lambda", "model", "parameters", "processing", "register_model", "training", "transform", "tuning" })
        {
            sources[fixture] = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "sdk", fixture + ".json"));
        }

        foreach (var (name, text) in sources)
        {
            foreach (var compute in new[] { ComputeTarget.SageMaker, ComputeTarget.Batch })
            {
                var scenario = Scenario(ExportOf(text, compute, allowApproximations: true));
                scenario["validateOnly"] = true;
                scenarios.Add((ValidatedPrefix + name + "/" + compute, scenario));
            }
        }

        var results = Run(scenarios.Select(s => s.Scenario));
        Results = scenarios.Select((s, i) => (s.Id, Result: results[i]!)).ToDictionary(x => x.Id, x => x.Result);
    }

    public Dictionary<string, JsonNode> Results { get; }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sluice.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("the repository root (Sluice.slnx) is not above the test's folder");
    }
}

public sealed class MotoExecutionTests(MotoExecutionFixture fixture) : IClassFixture<MotoExecutionFixture>
{
    [Fact]
    public void Run_EveryConditionTypeHolding_RegistersAndSkipsTheFailStep()
    {
        var result = fixture.Results[MotoExecutionFixture.GatePasses];

        result["status"]!.GetValue<string>().ShouldBe("SUCCEEDED", result.ToJsonString());
        var entered = Entered(result);
        entered.ShouldContain("GateModel-RegisterModel");
        entered.ShouldContain("IsProduction.False");
        entered.ShouldNotContain("DeployToProduction");
        entered.ShouldNotContain("QualityGateFailed");
    }

    [Fact]
    public void Run_OneConditionFailing_EndsInTheFailStep()
    {
        var result = fixture.Results[MotoExecutionFixture.GateFails];

        result["status"]!.GetValue<string>().ShouldBe("FAILED", result.ToJsonString());
        result["error"]!.GetValue<string>().ShouldBe("Sluice.FailStep");
        Entered(result).ShouldNotContain("GateModel-RegisterModel");
    }

    [Fact]
    public void Run_SageMakerMachineWithAJobStep_StopsAtTheFirstSyncIntegrationWhichMotoLacks()
    {
        // What docs/stepfunctions.md says is only validated: the first .sync state fails in moto, every state before it ran.
        var result = fixture.Results[MotoExecutionFixture.SageMakerSync];

        result["status"]!.GetValue<string>().ShouldBe("FAILED");
        result["error"]!.GetValue<string>().ShouldBe("States.Runtime");
        result["cause"]!.GetValue<string>().ShouldContain("Unsupported sync callback procedure in resource arn:aws:states:::sagemaker:createProcessingJob.sync");
        // moto fails the task while checking its integration pattern, before it records the state as entered.
        Entered(result).ShouldBe(["Sluice.CheckInput", "Sluice.Defaults", "Sluice.Start"]);
    }

    [Fact]
    public void Create_EveryExportedFixture_IsAcceptedByMoto()
    {
        var refused = fixture.Results.Where(r => r.Key.StartsWith(MotoExecutionFixture.ValidatedPrefix, StringComparison.Ordinal)
            && r.Value["status"]!.GetValue<string>() != "VALID").Select(r => r.Key + ": " + r.Value["cause"]).ToList();

        refused.ShouldBeEmpty();
        fixture.Results.Count(r => r.Key.StartsWith(MotoExecutionFixture.ValidatedPrefix, StringComparison.Ordinal)).ShouldBe(30);
    }
}
