using Sluice.Definitions.Expressions.Evaluation;

namespace Sluice.Definitions.Tests.Expressions.Evaluation;

public sealed class ExpressionEvaluatorJoinTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("\"abc\"", "abc")]
    [InlineData("\"\"", "")]
    [InlineData("30", "30")]
    [InlineData("-7", "-7")]
    [InlineData("-0", "0")]
    [InlineData("12345678901234567890123", "12345678901234567890123")]
    [InlineData("6.0", "6.0")]
    [InlineData("6", "6")]
    [InlineData("2.50", "2.5")]
    [InlineData("0.1", "0.1")]
    [InlineData("-0.0", "-0.0")]
    [InlineData("1e5", "100000.0")]
    [InlineData("1e-5", "1e-05")]
    [InlineData("1E20", "1e+20")]
    [InlineData("1e400", "inf")]
    [InlineData("true", "True")]
    [InlineData("false", "False")]
    public async Task EvaluateAsync_JoinOfParameterValue_StringifiesAsPythonStr(string json, string expected)
    {
        var context = new FakeEvaluationContext().Parameter("P", json);
        var join = Parse.Expression("""{"Std:Join": {"On": "|", "Values": ["a", {"Get": "Parameters.P"}]}}""");

        var value = await ExpressionEvaluator.EvaluateAsync(join, context, Ct);

        value.GetString().ShouldBe("a|" + expected);
    }

    [Fact]
    public async Task EvaluateAsync_JoinOfLiteralsOfEveryKind_StringifiesEach()
    {
        var join = Parse.Expression("""{"Std:Join": {"On": ",", "Values": ["s", 1, 2.0, true, false]}}""");

        var value = await ExpressionEvaluator.EvaluateAsync(join, new FakeEvaluationContext(), Ct);

        value.GetString().ShouldBe("s,1,2.0,True,False");
    }

    [Fact]
    public async Task EvaluateAsync_JoinOfReferencesAndNestedJoin_BuildsTheS3Path()
    {
        var context = StepProperties.Context().Parameter("Bucket", "\"my-bucket\"").Variable("PipelineExecutionId", "\"exec1\"");
        var join = Parse.Expression("""
            {"Std:Join": {"On": "/", "Values": [
              "s3:/", {"Get": "Parameters.Bucket"}, {"Get": "Execution.PipelineExecutionId"},
              {"Std:Join": {"On": "-", "Values": [{"Get": "Steps.Train.TrainingJobName"}, {"Get": "Steps.Fn.OutputParameters['count']"}]}}
            ]}}
            """);

        var value = await ExpressionEvaluator.EvaluateAsync(join, context, Ct);

        value.GetString().ShouldBe("s3://my-bucket/exec1/train-2024-3");
    }

    [Fact]
    public async Task EvaluateAsync_JoinWithoutValues_IsEmpty()
    {
        var value = await ExpressionEvaluator.EvaluateAsync(
            Parse.Expression("""{"Std:Join": {"On": "/", "Values": []}}"""), new FakeEvaluationContext(), Ct);

        value.GetString().ShouldBe(string.Empty);
    }

    [Fact]
    public async Task EvaluateAsync_JoinWithoutOn_Concatenates()
    {
        var value = await ExpressionEvaluator.EvaluateAsync(
            Parse.Expression("""{"Std:Join": {"Values": ["a", 1]}}"""), new FakeEvaluationContext(), Ct);

        value.GetString().ShouldBe("a1");
    }

    [Fact]
    public async Task EvaluateAsync_JoinWithExpressionSeparator_EvaluatesIt()
    {
        var context = new FakeEvaluationContext().Parameter("Sep", "\"::\"");

        var value = await ExpressionEvaluator.EvaluateAsync(
            Parse.Expression("""{"Std:Join": {"On": {"Get": "Parameters.Sep"}, "Values": ["a", "b"]}}"""), context, Ct);

        value.GetString().ShouldBe("a::b");
    }

    [Theory]
    [InlineData("null", "Values[1] is null, and a missing value cannot be joined")]
    [InlineData("[1, 2]", "Values[1] is a list ([1,2]); only strings, numbers and booleans can be joined")]
    [InlineData("{\"a\": 1}", "Values[1] is an object ({\"a\":1}); only strings, numbers and booleans can be joined")]
    public async Task EvaluateAsync_JoinOfNullListOrObject_ThrowsNamingTheJoin(string json, string why)
    {
        var join = Parse.Expression($$$"""{"Std:Join": {"On": "/", "Values": ["a", {{{json}}}]}}""");

        var error = await Should.ThrowAsync<EvaluationException>(() => ExpressionEvaluator.EvaluateAsync(join, new FakeEvaluationContext(), Ct));

        error.Message.ShouldStartWith("{\"Std:Join\": {\"On\": \"/\", \"Values\": [\"a\", ");
        error.Detail.ShouldBe(why);
    }

    [Fact]
    public async Task EvaluateAsync_JoinWhoseValueFails_ThrowsNamingTheFailingGet()
    {
        var join = Parse.Expression("""{"Std:Join": {"On": "/", "Values": ["s3:/", {"Get": "Parameters.Bucket"}]}}""");

        var error = await Should.ThrowAsync<EvaluationException>(() => ExpressionEvaluator.EvaluateAsync(join, new FakeEvaluationContext(), Ct));

        error.Subject.ShouldBe("""{"Get": "Parameters.Bucket"}""");
    }
}
