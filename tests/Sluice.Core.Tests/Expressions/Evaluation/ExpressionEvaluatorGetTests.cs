using Sluice.Definitions.Expressions;
using Sluice.Definitions.Expressions.Evaluation;

namespace Sluice.Definitions.Tests.Expressions.Evaluation;

public sealed class ExpressionEvaluatorGetTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("\"s3://b/in\"")]
    [InlineData("30")]
    [InlineData("6.0")]
    [InlineData("true")]
    public async Task EvaluateAsync_Parameter_ReturnsItsTypedValueAsWritten(string json)
    {
        var context = new FakeEvaluationContext().Parameter("P", json);

        var value = await ExpressionEvaluator.EvaluateAsync(Parse.Expression("""{"Get": "Parameters.P"}"""), context, Ct);

        value.GetRawText().ShouldBe(json);
    }

    [Fact]
    public async Task EvaluateAsync_MissingParameter_ThrowsNamingTheExpression()
    {
        var error = await Should.ThrowAsync<EvaluationException>(
            () => ExpressionEvaluator.EvaluateAsync(Parse.Expression("""{"Get": "Parameters.Missing"}"""), new FakeEvaluationContext(), Ct));

        error.Message.ShouldStartWith("""{"Get": "Parameters.Missing"}: parameter 'Missing' has no value""");
        error.Subject.ShouldBe("""{"Get": "Parameters.Missing"}""");
    }

    [Fact]
    public async Task EvaluateAsync_ExecutionVariable_ReturnsItsValue()
    {
        var context = new FakeEvaluationContext().Variable("PipelineExecutionId", "\"abc123\"");

        var value = await ExpressionEvaluator.EvaluateAsync(Parse.Expression("""{"Get": "Execution.PipelineExecutionId"}"""), context, Ct);

        value.GetString().ShouldBe("abc123");
    }

    [Fact]
    public async Task EvaluateAsync_UnavailableExecutionVariable_SaysItIsNotAvailable()
    {
        var error = await Should.ThrowAsync<EvaluationException>(
            () => ExpressionEvaluator.EvaluateAsync(Parse.Expression("""{"Get": "Execution.TrainingJobName"}"""), new FakeEvaluationContext(), Ct));

        error.Message.ShouldBe("""{"Get": "Execution.TrainingJobName"}: execution variable 'TrainingJobName' is not available here""");
    }

    [Fact]
    public async Task EvaluateAsync_UnknownExecutionVariable_ListsTheKnownOnes()
    {
        var error = await Should.ThrowAsync<EvaluationException>(
            () => ExpressionEvaluator.EvaluateAsync(Parse.Expression("""{"Get": "Execution.Nope"}"""), new FakeEvaluationContext(), Ct));

        error.Message.ShouldContain("'Nope' is not an execution variable; use one of CurrentDateTime, PipelineArn");
    }

    [Fact]
    public async Task EvaluateAsync_ExperimentConfigLiteral_ReturnsIt()
    {
        var context = new FakeEvaluationContext();
        context.ExperimentConfig["ExperimentName"] = FakeEvaluationContext.Json("\"my-experiment\"");

        var value = await ExpressionEvaluator.EvaluateAsync(Parse.Expression("""{"Get": "PipelineExperimentConfig.ExperimentName"}"""), context, Ct);

        value.GetString().ShouldBe("my-experiment");
    }

    [Fact]
    public async Task EvaluateAsync_ExperimentConfigExpression_EvaluatesIt()
    {
        var context = new FakeEvaluationContext().Variable("PipelineName", "\"my-pipeline\"");
        context.ExperimentConfig["ExperimentName"] = FakeEvaluationContext.Json("""{"Get": "Execution.PipelineName"}""");

        var value = await ExpressionEvaluator.EvaluateAsync(Parse.Expression("""{"Get": "PipelineExperimentConfig.ExperimentName"}"""), context, Ct);

        value.GetString().ShouldBe("my-pipeline");
    }

    [Fact]
    public async Task EvaluateAsync_ExperimentConfigReadingItself_Throws()
    {
        var context = new FakeEvaluationContext();
        context.ExperimentConfig["TrialName"] = FakeEvaluationContext.Json("""{"Get": "PipelineExperimentConfig.TrialName"}""");

        var error = await Should.ThrowAsync<EvaluationException>(
            () => ExpressionEvaluator.EvaluateAsync(Parse.Expression("""{"Get": "PipelineExperimentConfig.TrialName"}"""), context, Ct));

        error.Message.ShouldContain("reads the experiment config itself");
    }

    [Fact]
    public async Task EvaluateAsync_MissingExperimentConfig_Throws()
    {
        var error = await Should.ThrowAsync<EvaluationException>(
            () => ExpressionEvaluator.EvaluateAsync(Parse.Expression("""{"Get": "PipelineExperimentConfig.TrialName"}"""), new FakeEvaluationContext(), Ct));

        error.Message.ShouldBe("""{"Get": "PipelineExperimentConfig.TrialName"}: the pipeline's PipelineExperimentConfig has no 'TrialName'""");
    }

    [Theory]
    [InlineData("Steps.Train.ModelArtifacts.S3ModelArtifacts", "\"s3://b/model/model.tar.gz\"")]
    [InlineData("Steps.Train.TrainingJobName", "\"train-2024\"")]
    [InlineData("Steps.Prep.ProcessingOutputConfig.Outputs['train'].S3Output.S3Uri", "\"s3://b/prep/train\"")]
    [InlineData("Steps.Prep.ProcessingOutputConfig.Outputs[1].OutputName", "\"evaluation\"")]
    [InlineData("Steps.Prep.ProcessingInputs['raw'].S3Input.S3Uri", "\"s3://b/raw\"")]
    [InlineData("Steps.Prep.ProcessingResources.ClusterConfig.VolumeSizeInGB", "30")]
    [InlineData("Steps.Train.FinalMetricDataList['validation:mse'].Value", "0.5")]
    [InlineData("Steps.Train.InputDataConfig['train'].DataSource.S3DataSource.S3Uri", "\"s3://b/prep/train\"")]
    [InlineData("Steps.Train.HyperParameters['epochs']", "\"10\"")]
    [InlineData("Steps.Tune.TrainingJobSummaries[1].TrainingJobName", "\"tune-002\"")]
    [InlineData("Steps.Fn.OutputParameters['output1']", "\"hello\"")]
    [InlineData("Steps.Fn.OutputParameters['count']", "3")]
    [InlineData("Steps.Check.Outcome", "\"True\"")]
    public async Task EvaluateAsync_StepProperty_WalksTheDescribeResponse(string reference, string expected)
    {
        var value = await ExpressionEvaluator.EvaluateAsync(Parse.Expression($$"""{"Get": "{{reference}}"}"""), StepProperties.Context(), Ct);

        value.GetRawText().ShouldBe(expected);
    }

    [Fact]
    public async Task EvaluateAsync_StepPropertyObject_ReturnsTheObject()
    {
        var value = await ExpressionEvaluator.EvaluateAsync(Parse.Expression("""{"Get": "Steps.Train.ModelArtifacts"}"""), StepProperties.Context(), Ct);

        Parse.Text(value).ShouldBe("""{"S3ModelArtifacts":"s3://b/model/model.tar.gz"}""");
    }

    [Theory]
    [InlineData(
        "Steps.Train.ModelArtifacts.S3ModelArtifact",
        "step 'Train' has no property ModelArtifacts.S3ModelArtifact (ModelArtifacts has no member 'S3ModelArtifact')")]
    [InlineData(
        "Steps.Train.Missing",
        "step 'Train' has no property Missing (the top level has no member 'Missing')")]
    [InlineData(
        "Steps.Tune.TrainingJobSummaries[5].TrainingJobName",
        "step 'Tune' has no property TrainingJobSummaries[5].TrainingJobName (index 5 is out of range: TrainingJobSummaries has 2 items)")]
    [InlineData(
        "Steps.Prep.ProcessingOutputConfig.Outputs['test'].S3Output.S3Uri",
        "step 'Prep' has no property ProcessingOutputConfig.Outputs['test'].S3Output.S3Uri "
            + "(ProcessingOutputConfig.Outputs has no item named 'test'; it has 'train', 'evaluation')")]
    [InlineData(
        "Steps.Train.ModelArtifacts[0]",
        "step 'Train' has no property ModelArtifacts[0] (ModelArtifacts is an object, not a list)")]
    [InlineData(
        "Steps.Train.FinalMetricDataList.Value",
        "step 'Train' has no property FinalMetricDataList.Value (FinalMetricDataList is a list, not an object with members)")]
    [InlineData(
        "Steps.Train.TrainingJobName['x']",
        "step 'Train' has no property TrainingJobName['x'] (TrainingJobName is a string, not an object with keys)")]
    [InlineData(
        "Steps.Fn.OutputParameters['output2']",
        "step 'Fn' has no property OutputParameters['output2'] (OutputParameters has no key 'output2')")]
    [InlineData("Steps.Train.FailureReason", "is undefined: its value is null")]
    [InlineData("Steps.Nope.X", "the pipeline has no step 'Nope'")]
    [InlineData("Steps.Prep.PropertyFiles.EvaluationReport", "a property file (PropertyFiles.EvaluationReport) has no value of its own")]
    public async Task EvaluateAsync_PropertyNotThere_ThrowsNamingTheExpressionAndWhy(string reference, string why)
    {
        var error = await Should.ThrowAsync<EvaluationException>(
            () => ExpressionEvaluator.EvaluateAsync(Parse.Expression($$"""{"Get": "{{reference}}"}"""), StepProperties.Context(), Ct));

        error.Message.ShouldStartWith($$"""{"Get": "{{reference}}"}: {{why}}""");
    }

    [Fact]
    public async Task EvaluateAsync_StepNotFinished_SaysSo()
    {
        var context = new FakeEvaluationContext().Step("Train", propertiesJson: string.Empty);

        var error = await Should.ThrowAsync<EvaluationException>(
            () => ExpressionEvaluator.EvaluateAsync(Parse.Expression("""{"Get": "Steps.Train.ModelArtifacts.S3ModelArtifacts"}"""), context, Ct));

        error.Message.ShouldBe("""{"Get": "Steps.Train.ModelArtifacts.S3ModelArtifacts"}: step 'Train' has no properties: it has not finished""");
    }

    [Fact]
    public async Task EvaluateAsync_MalformedExpression_Throws()
    {
        var error = await Should.ThrowAsync<EvaluationException>(
            () => ExpressionEvaluator.EvaluateAsync(new LiteralExpression(default), new FakeEvaluationContext(), Ct));

        error.Message.ShouldStartWith("(malformed expression): the expression is malformed");
    }

    [Fact]
    public async Task EvaluateAsync_Literal_ReturnsItAsWritten()
    {
        var value = await ExpressionEvaluator.EvaluateAsync(Parse.Expression("6.0"), new FakeEvaluationContext(), Ct);

        value.GetRawText().ShouldBe("6.0");
    }

    [Fact]
    public async Task EvaluateAsync_LiteralListHoldingExpressions_ResolvesThem()
    {
        var context = new FakeEvaluationContext().Parameter("A", "1.50");
        var expression = new LiteralExpression(FakeEvaluationContext.Json("""["x", {"Get": "Parameters.A"}, {"k": {"Get": "Parameters.A"}}]"""));

        var value = await ExpressionEvaluator.EvaluateAsync(expression, context, Ct);

        Parse.Text(value).ShouldBe("""["x",1.50,{"k":1.50}]""");
    }
}
