using Sluice.Sdk.Expressions;
using Sluice.Sdk.Parameters;
using Sluice.Sdk.Processing;
using Sluice.Sdk.Properties;
using Sluice.Sdk.Steps;
using Sluice.Sdk.Tests.Support;

namespace Sluice.Sdk.Tests.Expressions;

public sealed class PipelineValueTests
{
    [Theory]
    [InlineData(6.0, "6.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e-05, "1e-05")]
    [InlineData(3500.0, "3500.0")]
    public void ToJson_FloatLiteral_IsWrittenAsPythonWritesFloats(double value, string expected)
    {
        PipelineValue literal = value;

        Serialization.Json.Compact(literal.ToJson()).ShouldBe(expected);
    }

    [Fact]
    public void ToJson_Literals_KeepTheirJsonType()
    {
        ((PipelineValue)"text").ToJson()!.ToJsonString().ShouldBe("\"text\"");
        ((PipelineValue)42).ToJson()!.ToJsonString().ShouldBe("42");
        ((PipelineValue)true).ToJson()!.ToJsonString().ShouldBe("true");
        PipelineValue.FromJson(new System.Text.Json.Nodes.JsonObject { ["a"] = 1 }).ToJson()!.ToJsonString().ShouldBe("{\"a\":1}");
    }

    [Fact]
    public void ToStringExpression_NonStringVariable_IsAnEmptyJoin()
    {
        var count = new ParameterInteger("Count", 1);

        count.ToStringExpression().ToExpression().ToJsonString().ShouldBe("""{"Std:Join":{"On":"","Values":[{"Get":"Parameters.Count"}]}}""");
    }

    [Fact]
    public void ToStringExpression_StringVariables_AreThemselves()
    {
        var name = new ParameterString("Name");
        var join = new Join("/", "a", "b");

        name.ToStringExpression().ShouldBeSameAs(name);
        join.ToStringExpression().ShouldBeSameAs(join);
        ExecutionVariables.PipelineName.ToStringExpression().ShouldBeSameAs(ExecutionVariables.PipelineName);
    }

    [Fact]
    public void ToExpression_ExecutionVariables_AreGetsOfExecution()
    {
        ExecutionVariable[] all =
        [
            ExecutionVariables.StartDateTime, ExecutionVariables.CurrentDateTime, ExecutionVariables.PipelineName, ExecutionVariables.PipelineArn,
            ExecutionVariables.PipelineExecutionId, ExecutionVariables.PipelineExecutionArn, ExecutionVariables.TrainingJobName, ExecutionVariables.ProcessingJobName,
        ];

        all.Select(v => v.ToExpression()["Get"]!.GetValue<string>()).ShouldBe(all.Select(v => $"Execution.{v.Name}"));
    }

    [Fact]
    public void ToExpression_JsonGetOfAPropertyFile_NamesTheStepAndFile()
    {
        var eval = new ProcessingStep("Eval", new Processor { ImageUri = "i", Role = Fixture.Role, InstanceType = "ml.m5.large" });
        var report = new PropertyFile("Report", "evaluation", "evaluation.json");

        var expression = new JsonGet(eval, report, "metrics.mse.value").ToExpression();

        expression.ToJsonString().ShouldBe("""{"Std:JsonGet":{"PropertyFile":{"Get":"Steps.Eval.PropertyFiles.Report"},"Path":"metrics.mse.value"}}""");
    }

    [Fact]
    public void ToExpression_JsonGetOfAnS3Uri_WritesTheJoin()
    {
        var train = new TrainingStep("f", new Training.Estimator { ImageUri = "i", Role = Fixture.Role, InstanceType = "ml.m5.large", OutputPath = "s3://b/o" });

        var expression = new JsonGet(new Join("/", train.Properties.OutputDataConfig.S3OutputPath, "results.json"), "Result").ToExpression();

        expression.ToJsonString().ShouldBe(
            """{"Std:JsonGet":{"S3Uri":{"Std:Join":{"On":"/","Values":[{"Get":"Steps.f.OutputDataConfig.S3OutputPath"},"results.json"]}},"Path":"Result"}}""");
    }

    [Fact]
    public void ToString_Variable_ShowsItsExpression()
    {
        new ParameterString("Bucket").ToString().ShouldBe("""{"Get": "Parameters.Bucket"}""");
        PipelineExperimentConfigProperty.TrialName.ToString().ShouldBe("""{"Get": "PipelineExperimentConfig.TrialName"}""");
    }
}
