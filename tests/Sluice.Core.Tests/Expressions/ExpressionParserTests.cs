using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Sluice.Definitions.Expressions;
using Sluice.Definitions.Validation;

namespace Sluice.Definitions.Tests.Expressions;

public sealed class ExpressionParserTests
{
    [Fact]
    public void ParseReference_Parameter_NamesTheParameter() =>
        ExpressionParser.ParseReference("Parameters.InputData", out _).ShouldBe(new ParameterReference("Parameters.InputData", "InputData"));

    [Fact]
    public void ParseReference_ExecutionVariable_NamesTheVariable() =>
        ExpressionParser.ParseReference("Execution.PipelineExecutionId", out _).ShouldBe(new ExecutionVariableReference("Execution.PipelineExecutionId", "PipelineExecutionId"));

    [Fact]
    public void ParseReference_ExperimentConfig_NamesTheMember() =>
        ExpressionParser.ParseReference("PipelineExperimentConfig.TrialName", out _).ShouldBe(new ExperimentConfigReference("PipelineExperimentConfig.TrialName", "TrialName"));

    [Theory]
    [InlineData("Steps.Prep.ProcessingOutputConfig.Outputs['train'].S3Output.S3Uri", "Prep", "ProcessingOutputConfig.Outputs['train'].S3Output.S3Uri")]
    [InlineData("Steps.Tune.TrainingJobSummaries[0].TrainingJobName", "Tune", "TrainingJobSummaries[0].TrainingJobName")]
    [InlineData("Steps.Cb.OutputParameters['output1']", "Cb", "OutputParameters['output1']")]
    [InlineData("Steps.Train.FinalMetricDataList['validation:mse'].Value", "Train", "FinalMetricDataList['validation:mse'].Value")]
    [InlineData("Steps.Cond.Outcome", "Cond", "Outcome")]
    [InlineData("Steps.my-step_1.ModelArtifacts.S3ModelArtifacts", "my-step_1", "ModelArtifacts.S3ModelArtifacts")]
    public void ParseReference_StepProperty_SplitsStepAndPath(string text, string step, string path)
    {
        var reference = ExpressionParser.ParseReference(text, out var error).ShouldBeOfType<StepPropertyReference>();

        error.ShouldBeNull();
        reference.StepName.ShouldBe(step);
        reference.Path.ToString().ShouldBe(path);
    }

    [Fact]
    public void ParseReference_PropertyFile_ExposesItsName()
    {
        var reference = ExpressionParser.ParseReference("Steps.Eval.PropertyFiles.EvaluationReport", out _).ShouldBeOfType<StepPropertyReference>();

        reference.PropertyFileName.ShouldBe("EvaluationReport");
    }

    [Theory]
    [InlineData("Foo.Bar", "does not start with")]
    [InlineData("Parameters", "names no member")]
    [InlineData("Steps.Train", "none of its properties")]
    [InlineData("Steps..X", "names no step")]
    [InlineData("Steps.T.Outputs[", "malformed property path")]
    [InlineData("Steps.T.Outputs[x]", "neither a list index nor a quoted key")]
    [InlineData("Steps.T.A..B", "empty member name")]
    public void ParseReference_Malformed_ExplainsWhy(string text, string why)
    {
        ExpressionParser.ParseReference(text, out var error).ShouldBeNull();
        error.ShouldNotBeNull().ShouldContain(why);
    }

    [Fact]
    public void Parse_NestedFunctions_BuildsTheTreeAndFindsEveryGet()
    {
        var node = Json("""
            {"Std:Join": {"On": "/", "Values": ["s3:/", {"Get": "Parameters.Bucket"},
              {"Std:JsonGet": {"PropertyFile": {"Get": "Steps.Eval.PropertyFiles.Report"}, "Path": "a.b[0]"}}]}}
            """);

        var expression = ExpressionParser.Parse(node, "Arguments.X", Scope([]));

        var join = expression.ShouldBeOfType<JoinExpression>();
        join.Values.Count.ShouldBe(3);
        join.Values[2].ShouldBeOfType<JsonGetExpression>().PropertyFile.ShouldBeOfType<GetExpression>();
        expression.Gets().Select(g => g.MemberPath).ShouldBe([
            "Arguments.X.Std:Join.Values[1]",
            "Arguments.X.Std:Join.Values[2].Std:JsonGet.PropertyFile",
        ]);
    }

    [Fact]
    public void Parse_ObjectWithGetAndOtherMembers_IsALiteral()
    {
        var node = Json("""{"Get": "Parameters.X", "Other": 1}""");

        ExpressionParser.Parse(node, "X", Scope([])).ShouldBeOfType<LiteralExpression>();
    }

    [Fact]
    public void ParseCondition_EveryType_BuildsTheMatchingRecord()
    {
        var node = Json("""
            {"Type": "Or", "Conditions": [
              {"Type": "Not", "Condition": {"Type": "Equals", "LeftValue": {"Get": "Parameters.A"}, "RightValue": 1}},
              {"Type": "In", "QueryValue": {"Get": "Parameters.B"}, "Values": ["x", {"Get": "Parameters.C"}]},
              {"Type": "GreaterThan", "LeftValue": 2, "RightValue": 1},
              {"Type": "GreaterThanOrEqualTo", "LeftValue": 2, "RightValue": 1},
              {"Type": "LessThan", "LeftValue": 2, "RightValue": 1},
              {"Type": "LessThanOrEqualTo", "LeftValue": 2, "RightValue": 1}
            ]}
            """);
        var sites = new List<ExpressionSite>();

        var condition = ExpressionParser.ParseCondition(node, "Arguments.Conditions[0]", Scope([]), sites).ShouldBeOfType<OrCondition>();

        condition.Conditions[0].ShouldBeOfType<NotCondition>().Inner.ShouldBeOfType<ComparisonCondition>().Operator.ShouldBe(ComparisonOperator.Equals);
        condition.Conditions[1].ShouldBeOfType<InCondition>().Values.Count.ShouldBe(2);
        condition.Conditions.Skip(2).Cast<ComparisonCondition>().Select(c => c.Operator).ShouldBe(
            [ComparisonOperator.GreaterThan, ComparisonOperator.GreaterThanOrEqualTo, ComparisonOperator.LessThan, ComparisonOperator.LessThanOrEqualTo]);
        condition.References().Select(r => r.Text).ShouldBe(["Parameters.A", "Parameters.B", "Parameters.C"]);
        sites.Select(s => s.MemberPath).ShouldBe([
            "Arguments.Conditions[0].Conditions[0].Condition.LeftValue",
            "Arguments.Conditions[0].Conditions[1].QueryValue",
            "Arguments.Conditions[0].Conditions[1].Values[1]",
        ]);
    }

    [Fact]
    public void ParseCondition_SchemaInForm_IsReadToo()
    {
        var node = Json("""{"Type": "In", "Value": "a", "In": ["a", "b"]}""");

        var condition = ExpressionParser.ParseCondition(node, "C", Scope([]), []).ShouldBeOfType<InCondition>();

        condition.Values.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("equals")]
    [InlineData("NotEquals")]
    public void ParseCondition_UnknownType_ReportsIt(string type)
    {
        var diagnostics = new List<Diagnostic>();

        ExpressionParser.ParseCondition(Json($$"""{"Type": "{{type}}", "LeftValue": 1, "RightValue": 2}"""), "C", Scope(diagnostics), []).ShouldBeNull();

        diagnostics.ShouldHaveSingleItem().Code.ShouldBe(DiagnosticCodes.MalformedCondition);
    }

    [Fact]
    public void PropertyPath_RandomPath_PrintsWhatItParses()
    {
        var member = Gen.Elements("A", "Outputs", "S3Uri", "x_1", "train-data");
        var segment = Gen.OneOf(
            member.Select(m => (PropertyPathSegment)new PropertyPathSegment.Member(m)),
            Gen.Choose(0, 99).Select(i => (PropertyPathSegment)new PropertyPathSegment.Index(i)),
            Gen.Elements("train", "a.b", "x y", "validation:mse").Select(k => (PropertyPathSegment)new PropertyPathSegment.Key(k)));
        var paths = from first in member
                    from rest in segment.ListOf()
                    select new[] { (PropertyPathSegment)new PropertyPathSegment.Member(first) }.Concat(rest).ToList();

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(paths.ToArbitrary(), segments =>
        {
            var text = string.Concat(segments.Select((s, i) => s is PropertyPathSegment.Member && i > 0 ? "." + s : s.ToString()));
            return PropertyPath.TryParse(text, out var parsed, out _) && parsed.Segments.SequenceEqual(segments) && parsed.ToString() == text;
        }));
    }

    [Fact]
    public void PropertyPath_DoubleQuotedKey_IsAKey()
    {
        PropertyPath.TryParse("Outputs[\"train\"].S3Output", out var path, out _).ShouldBeTrue();

        path.Segments[1].ShouldBe(new PropertyPathSegment.Key("train"));
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private static DiagnosticScope Scope(List<Diagnostic> sink) => new(sink, "Steps[0]", "S");
}
