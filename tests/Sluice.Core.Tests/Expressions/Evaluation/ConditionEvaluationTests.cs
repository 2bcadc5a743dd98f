using Sluice.Definitions.Expressions;
using Sluice.Definitions.Expressions.Evaluation;

namespace Sluice.Definitions.Tests.Expressions.Evaluation;

public sealed class ConditionEvaluationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<bool> Evaluate(string json, FakeEvaluationContext? context = null) =>
        ExpressionEvaluator.EvaluateAsync(Parse.Condition(json), context ?? new FakeEvaluationContext(), Ct);

    private static string Binary(string type, string left, string right) =>
        $$$"""{"Type": "{{{type}}}", "LeftValue": {{{left}}}, "RightValue": {{{right}}}}""";

    [Theory]
    [InlineData("Equals", "1", "1", true)]
    [InlineData("Equals", "1", "2", false)]
    [InlineData("Equals", "1", "1.0", true)]
    [InlineData("Equals", "0.1", "0.10", true)]
    [InlineData("Equals", "\"a\"", "\"a\"", true)]
    [InlineData("Equals", "\"a\"", "\"A\"", false)]
    [InlineData("Equals", "true", "true", true)]
    [InlineData("Equals", "true", "false", false)]
    [InlineData("Equals", "[1, \"a\"]", "[1.0, \"a\"]", true)]
    [InlineData("Equals", "[1, \"a\"]", "[\"a\", 1]", false)]
    [InlineData("Equals", "{\"a\": 1, \"b\": [true]}", "{\"b\": [true], \"a\": 1}", true)]
    [InlineData("Equals", "{\"a\": 1}", "{\"a\": 1, \"b\": 2}", false)]
    [InlineData("GreaterThan", "2", "1", true)]
    [InlineData("GreaterThan", "1", "1", false)]
    [InlineData("GreaterThan", "1.5", "1", true)]
    [InlineData("GreaterThan", "\"b\"", "\"a\"", true)]
    [InlineData("GreaterThan", "\"B\"", "\"a\"", false)]
    [InlineData("GreaterThan", "\"é\"", "\"z\"", true)]
    [InlineData("GreaterThan", "\"\\uD83D\\uDE00\"", "\"\\uFFFD\"", true)]
    [InlineData("GreaterThanOrEqualTo", "1", "1.0", true)]
    [InlineData("GreaterThanOrEqualTo", "0.9", "1", false)]
    [InlineData("GreaterThanOrEqualTo", "\"ab\"", "\"a\"", true)]
    [InlineData("LessThan", "-1", "0", true)]
    [InlineData("LessThan", "0", "0", false)]
    [InlineData("LessThan", "\"10\"", "\"9\"", true)]
    [InlineData("LessThanOrEqualTo", "1e2", "100", true)]
    [InlineData("LessThanOrEqualTo", "100.5", "100", false)]
    [InlineData("LessThanOrEqualTo", "99999999999999999999", "100000000000000000000", true)]
    [InlineData("LessThan", "99999999999999999999", "100000000000000000000", true)]
    public async Task EvaluateAsync_Comparison_FollowsPythonOperators(string type, string left, string right, bool expected) =>
        (await Evaluate(Binary(type, left, right))).ShouldBe(expected);

    [Theory]
    [InlineData("\"1\"", "1", "LeftValue \"1\" (a string) and RightValue 1 (a number) are not of the same type")]
    [InlineData("true", "1", "LeftValue true (a boolean) and RightValue 1 (a number) are not of the same type")]
    [InlineData("\"True\"", "true", "LeftValue \"True\" (a string) and RightValue true (a boolean) are not of the same type")]
    [InlineData("[1]", "1", "LeftValue [1] (a list) and RightValue 1 (a number) are not of the same type")]
    public async Task EvaluateAsync_EqualsOfDifferentKinds_ThrowsNamingBothOperands(string left, string right, string why)
    {
        var error = await Should.ThrowAsync<EvaluationException>(() => Evaluate(Binary("Equals", left, right)));

        error.Subject.ShouldBe($$$"""{"Type": "Equals", "LeftValue": {{{left}}}, "RightValue": {{{right}}}}""");
        error.Detail.ShouldBe(why);
    }

    [Theory]
    [InlineData("GreaterThan", "\"5\"", "4", "LeftValue \"5\" (a string) with RightValue 4 (a number)")]
    [InlineData("LessThan", "1", "\"abc\"", "LeftValue 1 (a number) with RightValue \"abc\" (a string)")]
    [InlineData("GreaterThanOrEqualTo", "true", "false", "LeftValue true (a boolean) with RightValue false (a boolean)")]
    [InlineData("LessThanOrEqualTo", "[1]", "[2]", "LeftValue [1] (a list) with RightValue [2] (a list)")]
    public async Task EvaluateAsync_OrderingOfUnorderableValues_ThrowsNamingBothOperands(string type, string left, string right, string operands)
    {
        var error = await Should.ThrowAsync<EvaluationException>(() => Evaluate(Binary(type, left, right)));

        error.Message.ShouldBe($$$"""{"Type": "{{{type}}}", "LeftValue": {{{left}}}, "RightValue": {{{right}}}}: """
            + $"{type} cannot compare {operands}; it compares two numbers or two strings");
    }

    [Fact]
    public async Task EvaluateAsync_ComparisonOfStepPropertyAndParameter_UsesTheirValues()
    {
        var context = StepProperties.Context().Parameter("MaxMse", "0.6");

        (await Evaluate("""
            {"Type": "LessThanOrEqualTo", "LeftValue": {"Get": "Steps.Train.FinalMetricDataList['validation:mse'].Value"},
             "RightValue": {"Get": "Parameters.MaxMse"}}
            """, context)).ShouldBeTrue();
    }

    [Fact]
    public async Task EvaluateAsync_ComparisonWithJsonGet_ReadsThePropertyFile()
    {
        var context = StepProperties.Context().Parameter("Threshold", "6.0")
            .Object("s3://b/eval/evaluation.json", """{"regression_metrics": {"mse": {"value": 7}}}""");

        (await Evaluate("""
            {"Type": "GreaterThanOrEqualTo",
             "LeftValue": {"Std:JsonGet": {"PropertyFile": {"Get": "Steps.Prep.PropertyFiles.EvaluationReport"}, "Path": "regression_metrics.mse.value"}},
             "RightValue": {"Get": "Parameters.Threshold"}}
            """, context)).ShouldBeTrue();
    }

    [Fact]
    public async Task EvaluateAsync_StringParameterThatLooksLikeANumber_IsNotConverted()
    {
        var context = new FakeEvaluationContext().Parameter("Limit", "\"5\"");

        var error = await Should.ThrowAsync<EvaluationException>(
            () => Evaluate("""{"Type": "GreaterThan", "LeftValue": {"Get": "Parameters.Limit"}, "RightValue": 4}""", context));

        error.Detail.ShouldContain("LeftValue \"5\" (a string) with RightValue 4 (a number)");
    }

    [Fact]
    public async Task EvaluateAsync_ConditionOutcomeOfAnotherStep_EqualsTheString() =>
        (await Evaluate("""{"Type": "Equals", "LeftValue": {"Get": "Steps.Check.Outcome"}, "RightValue": "True"}""", StepProperties.Context()))
            .ShouldBeTrue();

    [Fact]
    public async Task EvaluateAsync_OperandThatFails_ThrowsNamingTheOperand()
    {
        var error = await Should.ThrowAsync<EvaluationException>(
            () => Evaluate("""{"Type": "Equals", "LeftValue": {"Get": "Parameters.Missing"}, "RightValue": 1}"""));

        error.Subject.ShouldBe("""{"Get": "Parameters.Missing"}""");
    }

    [Theory]
    [InlineData("\"b\"", "[\"a\", \"b\"]", true)]
    [InlineData("\"c\"", "[\"a\", \"b\"]", false)]
    [InlineData("1", "[1.0, 2]", true)]
    [InlineData("1", "[\"1\", true]", false)]
    [InlineData("true", "[1, true]", true)]
    [InlineData("\"a\"", "[]", false)]
    public async Task EvaluateAsync_In_IsTrueWhenAValueEqualsTheQuery(string query, string values, bool expected) =>
        (await Evaluate($$$"""{"Type": "In", "QueryValue": {{{query}}}, "Values": {{{values}}}}""")).ShouldBe(expected);

    [Fact]
    public async Task EvaluateAsync_InWithExpressions_EvaluatesQueryAndValues()
    {
        var context = StepProperties.Context().Parameter("Name", "\"tune-002\"");

        (await Evaluate("""
            {"Type": "In", "QueryValue": {"Get": "Parameters.Name"},
             "Values": ["x", {"Get": "Steps.Tune.BestTrainingJob.TrainingJobName"}]}
            """, context)).ShouldBeTrue();
    }

    [Theory]
    [InlineData("1", false)]
    [InlineData("2", true)]
    public async Task EvaluateAsync_Not_NegatesItsCondition(string right, bool expected) =>
        (await Evaluate($$$"""{"Type": "Not", "Condition": {{{Binary("Equals", "1", right)}}}}""")).ShouldBe(expected);

    [Theory]
    [InlineData("2", "3", false)]
    [InlineData("1", "3", true)]
    [InlineData("2", "1", true)]
    [InlineData("1", "1", true)]
    public async Task EvaluateAsync_Or_IsTrueWhenAnyConditionIs(string first, string second, bool expected) =>
        (await Evaluate($$"""{"Type": "Or", "Conditions": [{{Binary("Equals", "1", first)}}, {{Binary("Equals", "1", second)}}]}"""))
            .ShouldBe(expected);

    [Theory]
    [InlineData("5", true)]
    [InlineData("\"prod\"", false)]
    public async Task EvaluateAsync_NestedNotAndOr_Combine(string value, bool expected)
    {
        var context = new FakeEvaluationContext().Parameter("V", value);

        // Not(Or(V in [prod, staging], Not(V in [1..5]))): In never fails on a value of another kind.
        var json = """
            {"Type": "Not", "Condition": {"Type": "Or", "Conditions": [
              {"Type": "In", "QueryValue": {"Get": "Parameters.V"}, "Values": ["prod", "staging"]},
              {"Type": "Not", "Condition": {"Type": "In", "QueryValue": {"Get": "Parameters.V"}, "Values": [1, 2, 3, 4, 5]}}
            ]}}
            """;

        (await Evaluate(json, context)).ShouldBe(expected);
    }

    [Fact]
    public async Task EvaluateAsync_DoubleNot_IsTheCondition() =>
        (await Evaluate($$$"""{"Type": "Not", "Condition": {"Type": "Not", "Condition": {{{Binary("LessThan", "1", "2")}}}}}""")).ShouldBeTrue();

    [Fact]
    public async Task EvaluateAsync_OrAfterATrueCondition_DoesNotEvaluateTheRest() =>
        (await Evaluate($$"""{"Type": "Or", "Conditions": [{{Binary("Equals", "1", "1")}}, {{Binary("GreaterThan", "\"a\"", "1")}}]}"""))
            .ShouldBeTrue();

    [Fact]
    public async Task EvaluateAsync_OrWhoseLaterConditionFails_Throws()
    {
        var error = await Should.ThrowAsync<EvaluationException>(
            () => Evaluate($$"""{"Type": "Or", "Conditions": [{{Binary("Equals", "1", "2")}}, {{Binary("GreaterThan", "\"a\"", "1")}}]}"""));

        error.Subject.ShouldBe(Binary("GreaterThan", "\"a\"", "1"));
    }

    [Fact]
    public async Task EvaluateAllAsync_AllTrue_IsTrue()
    {
        PipelineCondition[] conditions = [Parse.Condition(Binary("Equals", "1", "1")), Parse.Condition(Binary("LessThan", "1", "2"))];

        (await ExpressionEvaluator.EvaluateAllAsync(conditions, new FakeEvaluationContext(), Ct)).ShouldBeTrue();
    }

    [Fact]
    public async Task EvaluateAllAsync_OneFalse_IsFalse()
    {
        PipelineCondition[] conditions = [Parse.Condition(Binary("Equals", "1", "1")), Parse.Condition(Binary("LessThan", "2", "1"))];

        (await ExpressionEvaluator.EvaluateAllAsync(conditions, new FakeEvaluationContext(), Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task EvaluateAllAsync_Empty_IsTrue() =>
        (await ExpressionEvaluator.EvaluateAllAsync([], new FakeEvaluationContext(), Ct)).ShouldBeTrue();

    [Fact]
    public async Task EvaluateAllAsync_AfterAFalseCondition_DoesNotEvaluateTheRest()
    {
        PipelineCondition[] conditions =
            [Parse.Condition(Binary("Equals", "1", "2")), Parse.Condition("""{"Type": "Equals", "LeftValue": {"Get": "Parameters.Missing"}, "RightValue": 1}""")];

        (await ExpressionEvaluator.EvaluateAllAsync(conditions, new FakeEvaluationContext(), Ct)).ShouldBeFalse();
    }
}
