using Sluice.Definitions;
using Sluice.Definitions.Expressions.Evaluation;

namespace Sluice.Definitions.Tests.Expressions.Evaluation;

public sealed class ExpressionEvaluatorJsonGetTests
{
    private const string Report = """
        {"regression_metrics": {"mse": {"value": 0.25, "standard_deviation": 0.01}, "r2": null},
         "metrics": [{"name": "a", "value": 1}, {"name": "b", "value": 2}]}
        """;

    private const string ReportUri = "s3://b/eval/evaluation.json";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string PropertyFileGet(string path) =>
        $$$"""{"Std:JsonGet": {"PropertyFile": {"Get": "Steps.Prep.PropertyFiles.EvaluationReport"}, "Path": "{{{path}}}"}}""";

    [Theory]
    [InlineData("regression_metrics.mse.value", "0.25")]
    [InlineData("metrics[1].value", "2")]
    [InlineData("metrics[0]['name']", "\"a\"")]
    [InlineData("regression_metrics.mse", """{"value": 0.25, "standard_deviation": 0.01}""")]
    public async Task EvaluateAsync_JsonGetOfPropertyFile_ReadsTheFileUnderTheOutput(string path, string expected)
    {
        var context = StepProperties.Context().Object(ReportUri, Report);

        var value = await ExpressionEvaluator.EvaluateAsync(Parse.Expression(PropertyFileGet(path)), context, Ct);

        value.GetRawText().ShouldBe(expected);
        context.Reads.ShouldBe([ReportUri]);
    }

    [Theory]
    [InlineData("s3://b/eval", "evaluation.json")]
    [InlineData("s3://b/eval/", "/evaluation.json")]
    [InlineData("s3://b/eval", "/evaluation.json")]
    public async Task EvaluateAsync_JsonGetOfPropertyFile_JoinsPrefixAndPathWithOneSlash(string prefix, string filePath)
    {
        var context = new FakeEvaluationContext()
            .Step("Prep", $$$"""{"ProcessingOutputConfig": {"Outputs": [{"OutputName": "evaluation", "S3Output": {"S3Uri": "{{{prefix}}}"}}]}}""",
                new PropertyFileDefinition("EvaluationReport", "evaluation", filePath))
            .Object(ReportUri, Report);

        await ExpressionEvaluator.EvaluateAsync(Parse.Expression(PropertyFileGet("metrics[0].value")), context, Ct);

        context.Reads.ShouldBe([ReportUri]);
    }

    [Fact]
    public async Task EvaluateAsync_JsonGetOfPropertyFileWithOutputsAsMap_ReadsItToo()
    {
        var context = new FakeEvaluationContext()
            .Step("Prep", """{"ProcessingOutputConfig": {"Outputs": {"evaluation": {"S3Output": {"S3Uri": "s3://b/eval"}}}}}""",
                new PropertyFileDefinition("EvaluationReport", "evaluation", "evaluation.json"))
            .Object(ReportUri, Report);

        var value = await ExpressionEvaluator.EvaluateAsync(Parse.Expression(PropertyFileGet("metrics[0].value")), context, Ct);

        value.GetRawText().ShouldBe("1");
    }

    [Fact]
    public async Task EvaluateAsync_JsonGetPathNotInFile_ThrowsNamingFileStepAndPath()
    {
        var context = StepProperties.Context().Object(ReportUri, """{"regression_metrics": {}}""");

        var error = await Should.ThrowAsync<EvaluationException>(
            () => ExpressionEvaluator.EvaluateAsync(Parse.Expression(PropertyFileGet("regression_metrics.mse.value")), context, Ct));

        error.Message.ShouldBe("Std:JsonGet of property file 'EvaluationReport' of step 'Prep' (s3://b/eval/evaluation.json): "
            + "path 'regression_metrics.mse.value' not found (regression_metrics has no member 'mse')");
    }

    [Theory]
    [InlineData("metrics[2].value", "path 'metrics[2].value' not found (index 2 is out of range: metrics has 2 items)")]
    [InlineData("metrics['a']", "path 'metrics['a']' not found (metrics is a list, not an object with keys)")]
    [InlineData("regression_metrics.r2", "the value at path 'regression_metrics.r2' is null")]
    [InlineData("metrics[", "path 'metrics[' is not a valid JSON path: unterminated '[' at position 7")]
    public async Task EvaluateAsync_JsonGetBadPath_ThrowsWithTheReason(string path, string why)
    {
        var context = StepProperties.Context().Object(ReportUri, Report).Parameter("Path", $"\"{path}\"");
        var expression = Parse.Expression("""
            {"Std:JsonGet": {"PropertyFile": {"Get": "Steps.Prep.PropertyFiles.EvaluationReport"}, "Path": {"Get": "Parameters.Path"}}}
            """);

        var error = await Should.ThrowAsync<EvaluationException>(() => ExpressionEvaluator.EvaluateAsync(expression, context, Ct));

        error.Subject.ShouldBe("Std:JsonGet of property file 'EvaluationReport' of step 'Prep' (s3://b/eval/evaluation.json)");
        error.Detail.ShouldBe(why);
    }

    [Fact]
    public async Task EvaluateAsync_JsonGetPathFromParameter_EvaluatesThePath()
    {
        var context = StepProperties.Context().Object(ReportUri, Report).Parameter("Path", "\"metrics[1].name\"");
        var expression = Parse.Expression("""
            {"Std:JsonGet": {"PropertyFile": {"Get": "Steps.Prep.PropertyFiles.EvaluationReport"}, "Path": {"Get": "Parameters.Path"}}}
            """);

        var value = await ExpressionEvaluator.EvaluateAsync(expression, context, Ct);

        value.GetString().ShouldBe("b");
    }

    [Fact]
    public async Task EvaluateAsync_JsonGetOfMissingFile_WrapsTheReadError()
    {
        var error = await Should.ThrowAsync<EvaluationException>(
            () => ExpressionEvaluator.EvaluateAsync(Parse.Expression(PropertyFileGet("a")), StepProperties.Context(), Ct));

        error.Message.ShouldBe("Std:JsonGet of property file 'EvaluationReport' of step 'Prep' (s3://b/eval/evaluation.json): "
            + "the file could not be read: NoSuchKey: no object at s3://b/eval/evaluation.json");
        error.InnerException.ShouldBeOfType<FileNotFoundException>();
    }

    [Fact]
    public async Task EvaluateAsync_JsonGetOfInvalidJson_SaysSo()
    {
        var context = StepProperties.Context().Object(ReportUri, "{not json");

        var error = await Should.ThrowAsync<EvaluationException>(
            () => ExpressionEvaluator.EvaluateAsync(Parse.Expression(PropertyFileGet("a")), context, Ct));

        error.Detail.ShouldStartWith("the file is not valid JSON: ");
    }

    [Fact]
    public async Task EvaluateAsync_JsonGetCancelled_IsNotWrapped()
    {
        var context = StepProperties.Context().Object(ReportUri, Report);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(
            () => ExpressionEvaluator.EvaluateAsync(Parse.Expression(PropertyFileGet("a")), context, cancelled.Token));
    }

    [Theory]
    [InlineData("Steps.Prep.PropertyFiles.Other", "step 'Prep' defines no property file 'Other' (its PropertyFiles: 'EvaluationReport')")]
    [InlineData("Steps.Train.PropertyFiles.EvaluationReport", "step 'Train' defines no property file 'EvaluationReport' (its PropertyFiles: none)")]
    [InlineData("Steps.Nope.PropertyFiles.EvaluationReport", "the pipeline has no step 'Nope'")]
    public async Task EvaluateAsync_JsonGetOfUnknownPropertyFile_Throws(string reference, string why)
    {
        var expression = Parse.Expression($$$"""{"Std:JsonGet": {"PropertyFile": {"Get": "{{{reference}}}"}, "Path": "a"}}""");

        var error = await Should.ThrowAsync<EvaluationException>(() => ExpressionEvaluator.EvaluateAsync(expression, StepProperties.Context(), Ct));

        error.Detail.ShouldBe(why);
    }

    [Fact]
    public async Task EvaluateAsync_JsonGetWhoseOutputIsMissing_NamesTheOutput()
    {
        var context = new FakeEvaluationContext().Step("Prep", """{"ProcessingOutputConfig": {"Outputs": []}}""",
            new PropertyFileDefinition("EvaluationReport", "evaluation", "evaluation.json"));

        var error = await Should.ThrowAsync<EvaluationException>(
            () => ExpressionEvaluator.EvaluateAsync(Parse.Expression(PropertyFileGet("a")), context, Ct));

        error.Message.ShouldBe("Std:JsonGet of property file 'EvaluationReport' of step 'Prep': step 'Prep' has no S3 URI for processing output "
            + "'evaluation', which holds the property file (ProcessingOutputConfig.Outputs has no item named 'evaluation': it has no named items)");
    }

    [Fact]
    public async Task EvaluateAsync_JsonGetOfUnfinishedStep_SaysItHasNotFinished()
    {
        var context = new FakeEvaluationContext().Step("Prep", string.Empty,
            new PropertyFileDefinition("EvaluationReport", "evaluation", "evaluation.json"));

        var error = await Should.ThrowAsync<EvaluationException>(
            () => ExpressionEvaluator.EvaluateAsync(Parse.Expression(PropertyFileGet("a")), context, Ct));

        error.Detail.ShouldBe("step 'Prep' has no properties: it has not finished");
    }

    [Fact]
    public async Task EvaluateAsync_JsonGetOfS3UriJoin_ReadsThatDocument()
    {
        var context = StepProperties.Context().Object("s3://b/f/results.json", """{"Result": [42, "x"]}""");
        var expression = Parse.Expression("""
            {"Std:JsonGet": {"S3Uri": {"Std:Join": {"On": "/", "Values": [{"Get": "Steps.Train.OutputDataConfig.S3OutputPath"}, "results.json"]}},
                             "Path": "Result[0]"}}
            """);

        var value = await ExpressionEvaluator.EvaluateAsync(expression, context, Ct);

        value.GetRawText().ShouldBe("42");
        context.Reads.ShouldBe(["s3://b/f/results.json"]);
    }

    [Fact]
    public async Task EvaluateAsync_JsonGetOfLiteralS3Uri_ReadsThatDocument()
    {
        var context = new FakeEvaluationContext().Object("s3://b/doc.json", """{"a": {"b": true}}""");

        var value = await ExpressionEvaluator.EvaluateAsync(Parse.Expression("""{"Std:JsonGet": {"S3Uri": "s3://b/doc.json", "Path": "a.b"}}"""), context, Ct);

        value.GetRawText().ShouldBe("true");
    }

    [Fact]
    public async Task EvaluateAsync_JsonGetOfS3UriNotFound_NamesTheUri()
    {
        var context = new FakeEvaluationContext().Object("s3://b/doc.json", """{"a": 1}""");

        var error = await Should.ThrowAsync<EvaluationException>(
            () => ExpressionEvaluator.EvaluateAsync(Parse.Expression("""{"Std:JsonGet": {"S3Uri": "s3://b/doc.json", "Path": "a.b"}}"""), context, Ct));

        error.Message.ShouldBe("Std:JsonGet of s3://b/doc.json: path 'a.b' not found (a is a number, not an object with members)");
    }

    [Fact]
    public async Task EvaluateAsync_JsonGetOfNonStringS3Uri_Throws()
    {
        var context = new FakeEvaluationContext().Parameter("Uri", "5");

        var error = await Should.ThrowAsync<EvaluationException>(() => ExpressionEvaluator.EvaluateAsync(
            Parse.Expression("""{"Std:JsonGet": {"S3Uri": {"Get": "Parameters.Uri"}, "Path": "a"}}"""), context, Ct));

        error.Message.ShouldBe("""{"Std:JsonGet": {"S3Uri": {"Get": "Parameters.Uri"}, "Path": "a"}}: S3Uri must give a string, not 5 (a number)""");
    }
}
