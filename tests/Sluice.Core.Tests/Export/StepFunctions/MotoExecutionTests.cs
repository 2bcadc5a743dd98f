using System.Text.Json.Nodes;
using Sluice.Core.Export.StepFunctions;
using static Sluice.Core.Tests.Export.StepFunctions.ExportHelper;
using static Sluice.Core.Tests.Export.StepFunctions.MotoStepFunctions;

namespace Sluice.Core.Tests.Export.StepFunctions;

/// <summary>Every scenario of these tests, run once in moto (see <see cref="MotoStepFunctions"/>).</summary>
public sealed class MotoExecutionFixture
{
    public const string Else = "diabetes-else";
    public const string If = "diabetes-if";
    public const string Threshold = "diabetes-threshold";
    public const string BatchFails = "diabetes-batch-fails";
    public const string CallbackGo = "callback-go";
    public const string CallbackNo = "callback-no";
    public const string CallbackRejected = "callback-rejected";
    public const string GatePasses = "gate-passes";
    public const string GateFails = "gate-fails";
    public const string ValidatedPrefix = "validated:";

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
        var batch = ExportOf(diabetes, ComputeTarget.Batch, allowApproximations: true);
        JsonObject Diabetes(double mse, JsonObject? parameters = null)
        {
            var scenario = Scenario(batch, new JsonObject { ["Parameters"] = parameters ?? new JsonObject() });
            scenario["objects"] = new JsonObject
            {
                ["s3://sluice-example/diabetes/evaluation/evaluation.json"] = new JsonObject { ["regression_metrics"] = new JsonObject { ["mse"] = new JsonObject { ["value"] = mse } } }.ToJsonString(),
            };
            scenario["batchProperties"] = JsonNode.Parse("""
                {"PrepareData": {"ProcessingOutputConfig": {"Outputs": [{"S3Output": {"S3Uri": "s3://sluice-example/diabetes/prepared/train"}},
                   {"S3Output": {"S3Uri": "s3://sluice-example/diabetes/prepared/validation"}}, {"S3Output": {"S3Uri": "s3://sluice-example/diabetes/prepared/test"}}]}},
                 "TrainModel": {"ModelArtifacts": {"S3ModelArtifacts": "s3://sluice-example/diabetes/models/m/output/model.tar.gz"}},
                 "EvaluateModel": {}, "BatchTransform": {}}
                """);
            return scenario;
        }

        scenarios.Add((Else, Diabetes(4000.5)));
        scenarios.Add((If, Diabetes(3000)));
        scenarios.Add((Threshold, Diabetes(4000.5, new JsonObject { ["MseThreshold"] = 5000.0 })));
        var failing = Diabetes(3000);
        failing["failBatch"] = true;
        scenarios.Add((BatchFails, failing));

        var callback = ExportOf(CallbackPipeline, ComputeTarget.Batch);
        JsonObject Callback(JsonObject answer)
        {
            var scenario = Scenario(callback);
            scenario["queues"] = new JsonArray("https://sqs.us-east-1.amazonaws.com/123456789012/approvals");
            scenario["functions"] = new JsonArray("arn:aws:lambda:us-east-1:123456789012:function:ask");
            scenario["callbackAnswers"] = new JsonArray((JsonNode)answer);
            return scenario;
        }

        scenarios.Add((CallbackGo, Callback(new JsonObject { ["output"] = new JsonObject { ["decision"] = "go" } })));
        scenarios.Add((CallbackNo, Callback(new JsonObject { ["output"] = new JsonObject { ["decision"] = "no" } })));
        scenarios.Add((CallbackRejected, Callback(new JsonObject { ["error"] = "Rejected", ["cause"] = "not today" })));

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
    public void Run_ExampleWithMseAboveThreshold_FailsWithTheFailStepsMessageAndSkipsTheIfBranch()
    {
        var result = fixture.Results[MotoExecutionFixture.Else];

        result["status"]!.GetValue<string>().ShouldBe("FAILED");
        result["error"]!.GetValue<string>().ShouldBe("Sluice.FailStep");
        // What 'sluice run' says for the same definition and values (Python's str() of the floats).
        result["cause"]!.GetValue<string>().ShouldBe("Test MSE 4000.5 is above the threshold 3500.0");
        var entered = Entered(result);
        entered.ShouldContain("MseTooHigh");
        entered.ShouldNotContain("RegisterModel");
        entered.ShouldNotContain("CreateModel");
        entered.ShouldNotContain("BatchTransform");
    }

    [Fact]
    public void Run_ExampleWithMseBelowThreshold_SucceedsThroughRegisterModelAndBatchTransform()
    {
        var result = fixture.Results[MotoExecutionFixture.If];

        result["status"]!.GetValue<string>().ShouldBe("SUCCEEDED", result.ToJsonString());
        var entered = Entered(result);
        entered.ShouldContain("RegisterModel");
        entered.ShouldContain("CreateModel");
        entered.ShouldContain("BatchTransform");
        entered.ShouldNotContain("MseTooHigh");
        entered.IndexOf("BatchTransform").ShouldBeGreaterThan(entered.IndexOf("CreateModel.Describe"));
        result["output"]!["Steps"]!["CheckMse"]!["Outcome"]!.GetValue<string>().ShouldBe("True");
        result["output"]!["Steps"]!["RegisterModel"]!["ModelApprovalStatus"]!.GetValue<string>().ShouldBe("PendingManualApproval");
    }

    [Fact]
    public void Run_ExampleWithAHigherThresholdParameter_TakesTheIfBranch()
    {
        var result = fixture.Results[MotoExecutionFixture.Threshold];

        result["status"]!.GetValue<string>().ShouldBe("SUCCEEDED", result.ToJsonString());
        Entered(result).ShouldNotContain("MseTooHigh");
    }

    [Fact]
    public void Run_ExampleWhoseBatchJobFails_FailsAtThatStep()
    {
        var result = fixture.Results[MotoExecutionFixture.BatchFails];

        result["status"]!.GetValue<string>().ShouldBe("FAILED");
        result["error"]!.GetValue<string>().ShouldBe("States.TaskFailed");
        Entered(result)[^1].ShouldBe("PrepareData");
    }

    [Fact]
    public void Run_CallbackAnsweredGo_SucceedsThroughTheIfBranch()
    {
        var result = fixture.Results[MotoExecutionFixture.CallbackGo];

        result["status"]!.GetValue<string>().ShouldBe("SUCCEEDED", result.ToJsonString());
        Entered(result).ShouldBe(["Sluice.CheckInput", "Sluice.Defaults", "Sluice.Start", "Ask", "Approve", "Decide", "Decide.True", "Go"]);
        result["output"]!["Steps"]!["Approve"]!["OutputParameters"]!["decision"]!.GetValue<string>().ShouldBe("go");
    }

    [Fact]
    public void Run_CallbackAnsweredNo_FailsWithTheJoinedMessage()
    {
        var result = fixture.Results[MotoExecutionFixture.CallbackNo];

        result["status"]!.GetValue<string>().ShouldBe("FAILED");
        result["cause"]!.GetValue<string>().ShouldBe("decision was no");
        Entered(result).ShouldNotContain("Go");
    }

    [Fact]
    public void Run_CallbackFailure_FailsTheExecution()
    {
        var result = fixture.Results[MotoExecutionFixture.CallbackRejected];

        result["status"]!.GetValue<string>().ShouldBe("FAILED");
        result["error"]!.GetValue<string>().ShouldBe("Rejected");
        Entered(result)[^1].ShouldBe("Approve");
    }

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
    public void Create_EveryExportedFixture_IsAcceptedByMoto()
    {
        var refused = fixture.Results.Where(r => r.Key.StartsWith(MotoExecutionFixture.ValidatedPrefix, StringComparison.Ordinal)
            && r.Value["status"]!.GetValue<string>() != "VALID").Select(r => r.Key + ": " + r.Value["cause"]).ToList();

        refused.ShouldBeEmpty();
        fixture.Results.Count(r => r.Key.StartsWith(MotoExecutionFixture.ValidatedPrefix, StringComparison.Ordinal)).ShouldBe(30);
    }
}
