using System.Text.Json.Nodes;
using Sluice.Definitions.Parallelism;
using Sluice.Definitions.Tests.Support;
using Sluice.Definitions.Validation;

namespace Sluice.Definitions.Tests.Validation;

/// <summary>
/// Definitions large enough to be read and checked on several cores: their steps and problems must come out exactly
/// as one pass over the document makes them.
/// </summary>
public sealed class LargeDefinitionTests
{
    private static readonly string[] Codes = [DiagnosticCodes.MalformedStep, DiagnosticCodes.LocalPath, DiagnosticCodes.UnknownParameter];

    [Fact]
    public void Validate_ProblemsSpreadOverManySteps_ReportsThemInDocumentOrder()
    {
        var count = (StepChunks.MinParallelCount * 3) + 5;
        var template = TestDefinitions.Pipeline().Step(0);
        var steps = new JsonArray();
        var expectedSteps = new List<string>();
        var expected = new List<(string Owner, string Code, string Member)>();
        for (var i = 0; i < count; i++)
        {
            if (i % 131 == 5)
            {
                steps.Add(42);
                expected.Add(($"Steps[{i}]", DiagnosticCodes.MalformedStep, string.Empty));
                continue;
            }

            if (i % 50 == 3)
            {
                steps.Add(Condition($"C{i}", Processing(template, $"N{i}", broken: i % 100 == 3)));
                expectedSteps.AddRange([$"C{i}", $"N{i}"]);
                if (i % 100 == 3)
                {
                    AddBroken(expected, $"Steps[{i}].Arguments.IfSteps[0]");
                }

                continue;
            }

            var broken = i % 97 == 1;
            steps.Add(Processing(template, $"P{i}", broken));
            expectedSteps.Add($"P{i}");
            if (broken)
            {
                AddBroken(expected, $"Steps[{i}]");
            }
        }

        var definition = TestDefinitions.Pipeline();
        definition["Steps"] = steps;

        var result = TestDefinitions.Validate(definition);

        result.Definition!.AllSteps.Select(s => s.Name).ShouldBe(expectedSteps);
        result.Diagnostics.Where(d => Codes.Contains(d.Code)).Select(d => (d.OwnerPath, d.Code, d.MemberPath)).ShouldBe(expected);
    }

    private static void AddBroken(List<(string Owner, string Code, string Member)> expected, string owner)
    {
        // A step's own rules report before its references, as a single pass over the step does.
        expected.Add((owner, DiagnosticCodes.LocalPath, "Arguments.ProcessingInputs[0].S3Input.LocalPath"));
        expected.Add((owner, DiagnosticCodes.UnknownParameter, "Arguments.AppSpecification.ContainerArguments[1]"));
    }

    private static JsonObject Processing(JsonObject template, string name, bool broken)
    {
        var step = template.DeepClone().AsObject();
        step["Name"] = name;
        step.Remove("PropertyFiles");
        if (broken)
        {
            step.Arguments()["ProcessingInputs"]![0]!["S3Input"]!["LocalPath"] = "/opt/ml//x";
            step.Arguments()["AppSpecification"]!["ContainerArguments"]![1] = new JsonObject { ["Get"] = "Parameters.Nope" };
        }

        return step;
    }

    private static JsonObject Condition(string name, JsonObject inner) => new()
    {
        ["Name"] = name,
        ["Type"] = "Condition",
        ["Arguments"] = new JsonObject
        {
            ["Conditions"] = new JsonArray(new JsonObject { ["Type"] = "Equals", ["LeftValue"] = 1, ["RightValue"] = 1 }),
            ["IfSteps"] = new JsonArray(inner),
            ["ElseSteps"] = new JsonArray(),
        },
    };
}
