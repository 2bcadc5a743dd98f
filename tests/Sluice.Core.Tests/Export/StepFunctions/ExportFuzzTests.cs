using System.Text.Json.Nodes;
using Sluice.Core.Export.StepFunctions;
using Sluice.Core.Tests.Support;
using Sluice.Definitions.Validation;

namespace Sluice.Core.Tests.Export.StepFunctions;

/// <summary>
/// Hostile definitions: the SDK fixtures broken by <see cref="DefinitionMutator"/>. Whatever still reads as a
/// definition either exports (to JSON that parses) or is refused with problems that say where, never another exception.
/// </summary>
public sealed class ExportFuzzTests
{
    private static readonly System.Text.Json.JsonDocumentOptions Deep = new() { MaxDepth = 4096 };

    [Fact]
    public void Export_MutatedDefinitions_ExportsOrRefusesWithNamedProblems()
    {
        var fixtures = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "sdk"), "*.json").Order(StringComparer.Ordinal).ToList();
        var exported = 0;
        for (var seed = 0; seed < 400; seed++)
        {
            var random = new Random(seed);
            var original = JsonNode.Parse(File.ReadAllText(fixtures[seed % fixtures.Count]))!.AsObject();
            var mutator = new DefinitionMutator(random);
            var bytes = mutator.Mutate(original);
            var result = DefinitionValidator.Validate(bytes);
            if (result.Definition is null || result.Graph?.TopologicalOrder() is null)
            {
                continue;
            }

            foreach (var compute in new[] { ComputeTarget.SageMaker, ComputeTarget.Batch })
            {
                var options = new StepFunctionsExportOptions { PipelineName = "fuzz", Compute = compute, AllowApproximations = seed % 2 == 0 };
                try
                {
                    var export = StepFunctionsExporter.Export(result.Definition, options);
                    JsonNode.Parse(StepFunctionsExporter.ToJson(export.StateMachine), documentOptions: Deep).ShouldNotBeNull();
                    JsonNode.Parse(StepFunctionsExporter.ToJson(export.Template), documentOptions: Deep).ShouldNotBeNull();
                    exported++;
                }
                catch (StepFunctionsExportException e)
                {
                    e.Problems.ShouldNotBeEmpty($"seed {seed}: {string.Join("; ", mutator.Applied)}");
                    e.Problems.ShouldAllBe(p => p.Message.Length > 0);
                }
            }
        }

        exported.ShouldBeGreaterThan(50);
    }
}
