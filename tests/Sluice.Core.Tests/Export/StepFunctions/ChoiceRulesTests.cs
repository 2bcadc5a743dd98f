using System.Text.Json.Nodes;
using static Sluice.Core.Tests.Export.StepFunctions.ExportHelper;

namespace Sluice.Core.Tests.Export.StepFunctions;

public sealed class ChoiceRulesTests
{
    private const string Parameters = """
        [{"Name": "Mode", "Type": "String", "DefaultValue": "fast"}, {"Name": "Score", "Type": "Float", "DefaultValue": 0.5},
         {"Name": "Other", "Type": "Float", "DefaultValue": 0.7}, {"Name": "Force", "Type": "Boolean", "DefaultValue": false}]
        """;

    private static JsonObject Rule(string conditions)
    {
        var export = ExportOf(Definition(
            $$$"""{"Name": "C", "Type": "Condition", "Arguments": {"Conditions": {{{conditions}}}, "IfSteps": [], "ElseSteps": []}}""", Parameters));
        var choice = AllStates(export.StateMachine)["C"];
        choice["Default"]!.GetValue<string>().ShouldBe("C.False");
        var rule = choice["Choices"]![0]!.DeepClone().AsObject();
        rule["Next"]!.GetValue<string>().ShouldBe("C.True");
        rule.Remove("Next");
        return rule;
    }

    [Theory]
    [InlineData("Equals", "NumericEquals")]
    [InlineData("GreaterThan", "NumericGreaterThan")]
    [InlineData("GreaterThanOrEqualTo", "NumericGreaterThanEquals")]
    [InlineData("LessThan", "NumericLessThan")]
    [InlineData("LessThanOrEqualTo", "NumericLessThanEquals")]
    public void Translate_NumericParameterAgainstLiteral_UsesTheNumericOperator(string type, string asl)
    {
        var rule = Rule($$$"""[{"Type": "{{{type}}}", "LeftValue": {"Get": "Parameters.Score"}, "RightValue": 0.9}]""");

        JsonNode.DeepEquals(rule, new JsonObject { ["Variable"] = "$.Parameters.Score", [asl] = 0.9 }).ShouldBeTrue(rule.ToJsonString());
    }

    [Theory]
    [InlineData("GreaterThan", "NumericLessThan")]
    [InlineData("LessThanOrEqualTo", "NumericGreaterThanEquals")]
    public void Translate_LiteralOnTheLeft_MirrorsTheOperator(string type, string asl)
    {
        var rule = Rule($$$"""[{"Type": "{{{type}}}", "LeftValue": 0.9, "RightValue": {"Get": "Parameters.Score"}}]""");

        rule[asl]!.GetValue<double>().ShouldBe(0.9);
    }

    [Fact]
    public void Translate_TwoParameters_ComparesPathToPath()
    {
        var rule = Rule("""[{"Type": "GreaterThan", "LeftValue": {"Get": "Parameters.Score"}, "RightValue": {"Get": "Parameters.Other"}}]""");

        rule["NumericGreaterThanPath"]!.GetValue<string>().ShouldBe("$.Parameters.Other");
    }

    [Fact]
    public void Translate_StringAndBooleanEquality_UseTheirTypes()
    {
        Rule("""[{"Type": "Equals", "LeftValue": {"Get": "Parameters.Mode"}, "RightValue": "slow"}]""")["StringEquals"]!.GetValue<string>().ShouldBe("slow");
        Rule("""[{"Type": "Equals", "LeftValue": {"Get": "Parameters.Force"}, "RightValue": true}]""")["BooleanEquals"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public void Translate_ValueOfUnknownType_IsGuardedByATypeTest()
    {
        var rule = Rule("""[{"Type": "LessThan", "LeftValue": {"Get": "Execution.PipelineExecutionId"}, "RightValue": "m"}]""");

        // The execution id is a string; it is computed into an operand first because Choice rules read the state, not the context object.
        rule["Variable"]!.GetValue<string>().ShouldBe("$.Operands.O1");
        rule["StringLessThan"]!.GetValue<string>().ShouldBe("m");
    }

    [Fact]
    public void Translate_In_IsOrOfEqualities()
    {
        var rule = Rule("""[{"Type": "In", "QueryValue": {"Get": "Parameters.Mode"}, "Values": ["a", "b"]}]""");

        rule["Or"]!.AsArray().Select(r => r!["StringEquals"]!.GetValue<string>()).ShouldBe(["a", "b"]);
    }

    [Fact]
    public void Translate_NotOrAndTheList_NestAsAslRules()
    {
        var rule = Rule("""
            [{"Type": "Not", "Condition": {"Type": "Equals", "LeftValue": {"Get": "Parameters.Mode"}, "RightValue": "x"}},
             {"Type": "Or", "Conditions": [{"Type": "GreaterThan", "LeftValue": {"Get": "Parameters.Score"}, "RightValue": 1}, {"Type": "Equals", "LeftValue": {"Get": "Parameters.Force"}, "RightValue": true}]}]
            """);

        var all = rule["And"]!.AsArray();
        all[0]!["Not"]!["StringEquals"]!.GetValue<string>().ShouldBe("x");
        all[1]!["Or"]![0]!["NumericGreaterThan"]!.GetValue<int>().ShouldBe(1);
        all[1]!["Or"]![1]!["BooleanEquals"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Theory]
    [InlineData("""[{"Type": "GreaterThan", "LeftValue": 2, "RightValue": 1}]""", false)]
    [InlineData("""[{"Type": "GreaterThan", "LeftValue": 1, "RightValue": 2}]""", true)]
    public void Translate_TwoLiterals_IsDecidedWhenExporting(string conditions, bool negated)
    {
        var rule = Rule(conditions);

        (rule["Not"] is not null).ShouldBe(negated);
    }

    [Fact]
    public void Translate_JsonGetAgainstParameter_GuardsBothSidesAsNumbers()
    {
        var export = ExportOf(Definition(
            """
            {"Name": "C", "Type": "Condition", "Arguments": {"Conditions": [{"Type": "LessThanOrEqualTo",
              "LeftValue": {"Std:JsonGet": {"S3Uri": "s3://b/eval.json", "Path": "mse"}}, "RightValue": {"Get": "Parameters.Score"}}],
              "IfSteps": [], "ElseSteps": []}}
            """,
            Parameters));

        var states = AllStates(export.StateMachine);
        states["C.ReadF1"]["Next"]!.GetValue<string>().ShouldBe("C");
        var all = states["C"]["Choices"]![0]!["And"]!.AsArray();
        all[0]!["IsNumeric"]!.GetValue<bool>().ShouldBeTrue();
        all[2]!["NumericLessThanEqualsPath"]!.GetValue<string>().ShouldBe("$.Parameters.Score");
    }
}
