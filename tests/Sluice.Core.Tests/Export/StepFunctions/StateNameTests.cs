using Sluice.Core.Export.StepFunctions;
using Sluice.Definitions.Validation;
using static Sluice.Core.Tests.Export.StepFunctions.ExportHelper;

namespace Sluice.Core.Tests.Export.StepFunctions;

/// <summary>
/// State names come from step names, and Step Functions takes 1 to 80 characters without line breaks. Validation already
/// limits step names to 64 letters, digits, '-' and '_' (so <c>sluice export</c> never meets these), but the exporter is
/// a public API that may be handed an unvalidated definition: asl-validator found such exports (from the fuzz test's
/// mutated definitions) with 15,000-character and empty state names, which the exporter now refuses.
/// </summary>
public sealed class StateNameTests
{
    /// <summary>Exports a definition even though validation found errors in it (as an API caller may).</summary>
    private static StepFunctionsExportException RefusedUnvalidated(string definitionJson)
    {
        var result = DefinitionValidator.Validate(definitionJson);
        result.Errors.ShouldNotBeEmpty();
        return Should.Throw<StepFunctionsExportException>(() => StepFunctionsExporter.Export(
            result.Definition!,
            new StepFunctionsExportOptions { PipelineName = "test", Compute = ComputeTarget.Batch }));
    }

    private static string Condition(string name) =>
        $$$"""{"Name": "{{{name}}}", "Type": "Condition", "DependsOn": ["First"], "Arguments": {"Conditions": [{"Type": "Equals", "LeftValue": {"Get": "Steps.First.OutputParameters['out']"}, "RightValue": "x"}], "IfSteps": [], "ElseSteps": []}}""";

    [Fact]
    public void Export_LongestValidStepName_KeepsItAsTheStateNameAndFitsEveryHelperState()
    {
        var name = new string('a', 64);

        var export = ExportOf(Definition(Lambda("First") + "," + Condition(name)));

        AllStates(export.StateMachine).Keys.ShouldContain(name);
        AllStates(export.StateMachine).Keys.ShouldContain(name + ".False");
        AllStates(export.StateMachine).Keys.ShouldAllBe(k => k.Length <= 80);
    }

    [Fact]
    public void Export_StepNameOver80Characters_IsRefusedNamingTheStep()
    {
        var name = new string('a', 81);

        var problem = RefusedUnvalidated(Definition(Lambda("First") + "," + Lambda(name))).Problems.ShouldHaveSingleItem();

        problem.StepName.ShouldBe(name);
        problem.StepPath.ShouldBe("Steps[1]");
        problem.MemberPath.ShouldBe("Name");
        problem.Message.ShouldContain("1 to 80 characters");
        problem.Message.ShouldContain("has 81");
    }

    [Fact]
    public void Export_HelperStateNamedAfterAStepOver80Characters_IsRefusedWithTheLongestNameThatFits()
    {
        // A Condition step makes helper states such as NAME.False (76 + 6 characters).
        var name = new string('c', 76);

        var problem = RefusedUnvalidated(Definition(Lambda("First") + "," + Condition(name))).Problems.ShouldHaveSingleItem();

        problem.StepName.ShouldBe(name);
        problem.MemberPath.ShouldBe("Name");
        var fits = int.Parse(System.Text.RegularExpressions.Regex.Match(problem.Message, "at most ([0-9]+) characters").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        fits.ShouldBeInRange(64, 75);
        // The hint is right: a name of that length exports.
        var shorter = DefinitionValidator.Validate(Definition(Lambda("First") + "," + Condition(new string('c', fits)))).Definition!;
        StepFunctionsExporter.Export(shorter, new StepFunctionsExportOptions { PipelineName = "test", Compute = ComputeTarget.Batch }).StateMachine.ShouldNotBeNull();
    }

    [Fact]
    public void Export_StepNameWithALineBreak_IsRefused()
    {
        var problem = RefusedUnvalidated(Definition(Lambda("First") + "," + Lambda("two\\nlines"))).Problems.ShouldHaveSingleItem();

        problem.StepName.ShouldBe("two\nlines");
        problem.Message.ShouldContain("line break");
    }

    [Fact]
    public void Export_EmptyStepName_IsRefused()
    {
        var problem = RefusedUnvalidated(Definition(Lambda("First") + "," + Lambda(string.Empty))).Problems.ShouldHaveSingleItem();

        problem.StepPath.ShouldBe("Steps[1]");
        problem.Message.ShouldContain("an empty step name");
    }
}
