using System.Text.Json;
using Sluice.Definitions.Expressions;
using Sluice.Definitions.Expressions.Evaluation;
using Sluice.Definitions.Validation;

namespace Sluice.Definitions.Tests.Expressions;

/// <summary>The public face of the expression parser that tools outside the language (the Step Functions export) use.</summary>
public sealed class ExpressionReaderTests
{
    [Fact]
    public void Parse_Join_GivesTheTreeAndNoDiagnostics()
    {
        var node = JsonDocument.Parse("""{"Std:Join": {"On": "/", "Values": ["s3://b", {"Get": "Parameters.Prefix"}]}}""").RootElement;

        var expression = ExpressionReader.Parse(node, "Arguments.X", "Steps[1]", "Train", out var diagnostics);

        diagnostics.ShouldBeEmpty();
        var join = expression.ShouldBeOfType<JoinExpression>();
        join.Values.Count.ShouldBe(2);
        join.Values[1].ShouldBeOfType<GetExpression>().Reference.ShouldBe(new ParameterReference("Parameters.Prefix", "Prefix"));
    }

    [Fact]
    public void Parse_MalformedGet_ReportsAnErrorWithTheOwnerAndPath()
    {
        var node = JsonDocument.Parse("""{"Get": "Nowhere.X"}""").RootElement;

        ExpressionReader.Parse(node, "Arguments.X", "Steps[1]", "Train", out var diagnostics);

        var error = diagnostics.ShouldHaveSingleItem();
        error.Severity.ShouldBe(DiagnosticSeverity.Error);
        error.OwnerName.ShouldBe("Train");
        error.Path.ShouldStartWith("Steps[1].Arguments.X");
    }

    [Fact]
    public void IsExpression_LiteralAndGet_TellsThemApart()
    {
        ExpressionReader.IsExpression(JsonDocument.Parse("""{"Get": "Parameters.X"}""").RootElement).ShouldBeTrue();
        ExpressionReader.IsExpression(JsonDocument.Parse("""{"Value": 1}""").RootElement).ShouldBeFalse();
        ExpressionReader.IsExpression(null).ShouldBeFalse();
    }

    [Fact]
    public void ParseReference_StepProperty_SplitsStepAndPath()
    {
        var reference = ExpressionReader.ParseReference("Steps.Eval.ProcessingJobStatus", out var error).ShouldBeOfType<StepPropertyReference>();

        error.ShouldBeNull();
        reference.StepName.ShouldBe("Eval");
    }

    [Theory]
    [InlineData("6.0", "6.0")]
    [InlineData("1e-05", "1e-05")]
    [InlineData("true", "True")]
    [InlineData("\"text\"", "text")]
    public void TryStr_Value_WritesItAsPythonsStr(string json, string expected)
    {
        PythonText.TryStr(JsonDocument.Parse(json).RootElement, out var text, out var error).ShouldBeTrue();

        text.ShouldBe(expected);
        error.ShouldBeNull();
    }
}
