using System.Text.Json.Nodes;
using Sluice.Core.Tests.Support;
using Sluice.Definitions.Validation;

namespace Sluice.Definitions.Tests.Validation;

public sealed class LocalPathRulesTests
{
    private const string Input = "Arguments.ProcessingInputs[0].S3Input.LocalPath";
    private const string Output = "Arguments.ProcessingOutputConfig.Outputs[0].S3Output.LocalPath";

    [Theory]
    [InlineData("/opt/ml//tmp/x", "has an empty segment ('//')")]
    [InlineData("/opt/ml/processing/../../../etc", "has a '..' segment")]
    [InlineData("/opt/ml/processing/./x", "has a '.' segment")]
    [InlineData("processing/input", "is relative")]
    [InlineData("/opt/ml/processing", "is /opt/ml/processing itself")]
    [InlineData("/opt/ml/input", "is not under /opt/ml/processing/")]
    [InlineData("/opt/ml/processing/a\u0000b", "holds a control character")]
    public void Validate_ProcessingInputLocalPathOutsideItsRoot_IsAnError(string localPath, string problem)
    {
        var definition = TestDefinitions.Pipeline();
        definition.Step(0).Arguments()["ProcessingInputs"]![0]!["S3Input"]!["LocalPath"] = localPath;

        var error = TestDefinitions.Validate(definition).Errors.Single(d => d.Code == DiagnosticCodes.LocalPath);

        error.OwnerPath.ShouldBe("Steps[0]");
        error.OwnerName.ShouldBe("Prep");
        error.MemberPath.ShouldBe(Input);
        error.Message.ShouldContain(problem);
    }

    [Fact]
    public void Validate_LocalPathNotAString_IsAnError()
    {
        var definition = TestDefinitions.Pipeline();
        definition.Step(0).Arguments()["ProcessingOutputConfig"]!["Outputs"]![0]!["S3Output"]!["LocalPath"] = 42;

        TestDefinitions.Validate(definition).Errors.ShouldContain(d => d.Code == DiagnosticCodes.LocalPath && d.MemberPath == Output && d.Message.Contains("not a number"));
    }

    [Fact]
    public void Validate_LocalPathLongerThanSageMakerAllows_IsAnError()
    {
        var definition = TestDefinitions.Pipeline();
        definition.Step(0).Arguments()["ProcessingInputs"]![0]!["S3Input"]!["LocalPath"] = "/opt/ml/processing/" + new string('a', 300);

        TestDefinitions.Validate(definition).Errors.ShouldContain(d => d.Code == DiagnosticCodes.LocalPath && d.Message.Contains("SageMaker allows 256"));
    }

    [Fact]
    public void Validate_LocalPathFromAParameter_IsLeftToTheRunner()
    {
        var definition = TestDefinitions.Pipeline();
        definition["Parameters"]!.AsArray().Add(new JsonObject { ["Name"] = "Local", ["Type"] = "String", ["DefaultValue"] = "/opt/ml//tmp" });
        definition.Step(0).Arguments()["ProcessingInputs"]![0]!["S3Input"]!["LocalPath"] = new JsonObject { ["Get"] = "Parameters.Local" };

        TestDefinitions.Validate(definition).Errors.ShouldBeEmpty();
    }

    [Fact]
    public void Validate_TwoInputsInOneFolder_IsAnError()
    {
        var definition = TestDefinitions.Pipeline();
        var inputs = definition.Step(0).Arguments()["ProcessingInputs"]!.AsArray();
        inputs.Add(inputs[0]!.DeepClone());
        inputs[1]!["S3Input"]!["LocalPath"] = "/opt/ml/processing/input/";

        var error = TestDefinitions.Validate(definition).Errors.Single(d => d.Code == DiagnosticCodes.LocalPathOverlap);

        error.MemberPath.ShouldBe("Arguments.ProcessingInputs[1].S3Input.LocalPath");
        error.Message.ShouldContain($"is also {Input}; SageMaker rejects two inputs in one folder");
    }

    [Fact]
    public void Validate_OutputInAnInputsFolder_IsAnError()
    {
        var definition = TestDefinitions.Pipeline();
        definition.Step(0).Arguments()["ProcessingOutputConfig"]!["Outputs"]![0]!["S3Output"]!["LocalPath"] = "/opt/ml/processing/input";

        TestDefinitions.Validate(definition).Errors.ShouldContain(d => d.Code == DiagnosticCodes.LocalPathOverlap && d.Message.Contains("an output in an input's folder"));
    }

    [Theory]
    [InlineData("/opt/ml/processing/report", "is also")]
    [InlineData("/opt/ml/processing/report/sub", "is inside '/opt/ml/processing/report'")]
    [InlineData("/opt/ml/processing/input/out", "is inside '/opt/ml/processing/input'")]
    public void Validate_OutputsThatShareOrNestFolders_AreWarnings(string trainPath, string message)
    {
        var definition = TestDefinitions.Pipeline();
        var outputs = definition.Step(0).Arguments()["ProcessingOutputConfig"]!["Outputs"]!.AsArray();
        (outputs[0], outputs[1]) = (outputs[1]!.DeepClone(), outputs[0]!.DeepClone());
        outputs[1]!["S3Output"]!["LocalPath"] = trainPath;

        var result = TestDefinitions.Validate(definition);

        result.Errors.ShouldBeEmpty();
        result.Warnings.ShouldContain(d => d.Code == DiagnosticCodes.LocalPathOverlap && d.Message.Contains(message));
    }

    [Fact]
    public void Validate_CodeInputInsideTheDataInput_IsAcceptedAsTheSdkWritesIt()
    {
        var definition = TestDefinitions.Pipeline();
        var inputs = definition.Step(0).Arguments()["ProcessingInputs"]!.AsArray();
        inputs.Add(inputs[0]!.DeepClone());
        inputs[1]!["S3Input"]!["LocalPath"] = "/opt/ml/processing/input/code";

        TestDefinitions.Validate(definition).Diagnostics.ShouldNotContain(d => d.Code == DiagnosticCodes.LocalPathOverlap);
    }

    [Theory]
    [InlineData("CheckpointConfig", "/checkpoints", "is not under /opt/ml/")]
    [InlineData("DebugHookConfig", "/opt/ml/output/../../../tensors", "'..' segment")]
    [InlineData("TensorBoardOutputConfig", "/opt/ml", "is /opt/ml itself")]
    public void Validate_TrainingLocalPathOutsideOptMl_IsAnError(string member, string localPath, string problem)
    {
        var definition = TestDefinitions.Pipeline();
        definition.Step(1).Arguments()[member] = new JsonObject { ["LocalPath"] = localPath, ["S3OutputPath"] = "s3://bucket/x" };

        TestDefinitions.Validate(definition).Errors.ShouldContain(d =>
            d.Code == DiagnosticCodes.LocalPath && d.MemberPath == $"Arguments.{member}.LocalPath" && d.Message.Contains(problem));
    }

    [Fact]
    public void Validate_DebugRuleLocalPathOutsideProcessing_IsAnError()
    {
        var definition = TestDefinitions.Pipeline();
        definition.Step(1).Arguments()["DebugRuleConfigurations"] = JsonNode.Parse("""[{"RuleConfigurationName": "r", "RuleEvaluatorImage": "i", "LocalPath": "/opt/ml/output/rule"}]""");

        TestDefinitions.Validate(definition).Errors.ShouldContain(d =>
            d.Code == DiagnosticCodes.LocalPath && d.MemberPath == "Arguments.DebugRuleConfigurations[0].LocalPath");
    }

    [Fact]
    public void Validate_TuningCheckpointOutsideOptMl_IsAnErrorForEachDefinition()
    {
        var definition = Pipelines.Definition(new JsonObject
        {
            ["Name"] = "Tune",
            ["Type"] = "Tuning",
            ["Arguments"] = JsonNode.Parse("""
                {"HyperParameterTuningJobConfig": {"Strategy": "Random"},
                 "TrainingJobDefinition": {"CheckpointConfig": {"S3Uri": "s3://b/c", "LocalPath": "/opt/ml//x"}},
                 "TrainingJobDefinitions": [{"CheckpointConfig": {"S3Uri": "s3://b/c", "LocalPath": "../x"}}]}
                """),
        });

        var paths = TestDefinitions.Validate(definition).Errors.Where(d => d.Code == DiagnosticCodes.LocalPath).Select(d => d.MemberPath).ToList();

        paths.ShouldBe(["Arguments.TrainingJobDefinition.CheckpointConfig.LocalPath", "Arguments.TrainingJobDefinitions[0].CheckpointConfig.LocalPath"]);
    }
}
