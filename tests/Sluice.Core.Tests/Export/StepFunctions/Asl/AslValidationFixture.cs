using System.Text.Json.Nodes;
using Sluice.Core.Export.StepFunctions;
using Sluice.Core.Tests.Export.StepFunctions.SideBySide;
using Sluice.Core.Tests.Support;
using Sluice.Definitions.Validation;

namespace Sluice.Core.Tests.Export.StepFunctions.Asl;

/// <summary>
/// Collects every machine the export's tests produce or keep, exported in-process, and validates them all with
/// asl-validator in one node process: the golden files (machines, and the machine inside each template), the example
/// pipeline in both compute modes (machine and template), each side-by-side case's export, the machines the moto tests
/// run, every SDK fixture in both compute modes, and one deliberately broken machine (a Next to a missing state).
/// </summary>
public sealed class AslValidationFixture
{
    /// <summary>The name of the broken machine in the batch.</summary>
    public const string Broken = "broken/next-to-missing-state";

    /// <summary>The state the broken machine's Next names, which does not exist.</summary>
    public const string MissingState = "Sluice.NoSuchState";

    public AslValidationFixture()
    {
        Unavailable = AslValidator.Unavailable();
        var machines = new List<(string Name, JsonNode Machine)>();
        var diabetes = File.ReadAllText(Path.Combine(SideBySideCases.RepositoryRoot, "examples", "diabetes", "pipeline.json"));

        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Export", "StepFunctions", "Golden"), "*.json").Order(StringComparer.Ordinal))
        {
            var document = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            machines.Add(("golden/" + Path.GetFileName(file), document["States"] is null ? MachineOf(document) : document));
        }

        foreach (var compute in new[] { ComputeTarget.SageMaker, ComputeTarget.Batch })
        {
            var export = Export(diabetes, compute, allowApproximations: true, "diabetes");
            machines.Add(($"example/{compute}/statemachine.asl.json", export.StateMachine));
            machines.Add(($"example/{compute}/template.json", MachineOf(export.Template)));
        }

        foreach (var (definition, compute) in SideBySideCases.All.Select(c => (c.Definition, c.Compute)).Distinct())
        {
            var id = SideBySideCases.All.First(c => c.Definition == definition).Id.Split('/')[0];
            machines.Add(($"side-by-side/{id}/{compute}", ExportHelper.ExportOf(definition, compute, allowApproximations: true).StateMachine));
        }

        var gate = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "sdk", "condition_all_types.json"));
        machines.Add(("moto/gate/Batch", ExportHelper.ExportOf(gate, ComputeTarget.Batch).StateMachine));
        machines.Add(("moto/callback/Batch", ExportHelper.ExportOf(MotoExecutionFixture.CallbackPipeline, ComputeTarget.Batch, allowApproximations: true).StateMachine));

        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "sdk"), "*.json").Order(StringComparer.Ordinal))
        {
            foreach (var compute in new[] { ComputeTarget.SageMaker, ComputeTarget.Batch })
            {
                var name = $"sdk/{Path.GetFileNameWithoutExtension(file)}/{compute}";
                try
                {
                    var export = Export(File.ReadAllText(file), compute, allowApproximations: true, "fixture");
                    machines.Add((name, export.StateMachine));
                    machines.Add((name + "/template", MachineOf(export.Template)));
                }
                catch (StepFunctionsExportException e)
                {
                    Refused.Add(name, e.Message);
                }
            }
        }

        // Random DAGs of Lambda steps (the shapes the Parallel decomposition makes), as the DAG property test builds them.
        var random = new Random(17);
        for (var dag = 0; dag < 24; dag++)
        {
            var count = random.Next(2, 13);
            var density = random.Next(0, 100);
            var steps = Enumerable.Range(0, count).Select(i => ExportHelper.Lambda(
                "S" + i,
                "[" + string.Join(", ", Enumerable.Range(0, i).Where(_ => random.Next(100) < density / 3).Select(d => $"\"S{d}\"")) + "]"));
            machines.Add(($"dag/{dag}", ExportHelper.ExportOf(ExportHelper.Definition(string.Join(",", steps))).StateMachine));
        }

        // Hostile input that still exports (the fuzz test's mutated SDK fixtures): the first ones of each compute mode.
        var fixtures = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "sdk"), "*.json").Order(StringComparer.Ordinal).ToList();
        var mutated = 0;
        for (var seed = 0; seed < 400 && mutated < 24; seed++)
        {
            var original = JsonNode.Parse(File.ReadAllText(fixtures[seed % fixtures.Count]))!.AsObject();
            var result = DefinitionValidator.Validate(new DefinitionMutator(new Random(seed)).Mutate(original));
            if (result.Definition is null || result.Graph?.TopologicalOrder() is null)
            {
                continue;
            }

            var compute = seed % 4 < 2 ? ComputeTarget.SageMaker : ComputeTarget.Batch;
            try
            {
                machines.Add(($"fuzz/{seed}/{compute}", StepFunctionsExporter.Export(
                    result.Definition,
                    new StepFunctionsExportOptions { PipelineName = "fuzz", Compute = compute, AllowApproximations = true }).StateMachine));
                mutated++;
            }
            catch (StepFunctionsExportException)
            {
                // refused with named problems: ExportFuzzTests checks those
            }
        }

        var broken = Export(diabetes, ComputeTarget.Batch, allowApproximations: true, "diabetes").StateMachine;
        broken["States"]![StepFunctionsExporter.StartState]!["Next"] = MissingState;
        machines.Add((Broken, broken));

        Names = [.. machines.Select(m => m.Name)];
        if (Unavailable is null)
        {
            Results = AslValidator.Validate(machines);
        }
    }

    /// <summary>Why asl-validator cannot run here, or <see langword="null"/>.</summary>
    public string? Unavailable { get; }

    /// <summary>The machines of the batch, by name, in order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The SDK fixtures the export refuses (name, reason): they make no machine to validate.</summary>
    public Dictionary<string, string> Refused { get; } = [];

    /// <summary>asl-validator's verdict on each machine, by name (empty when it cannot run).</summary>
    internal Dictionary<string, AslResult> Results { get; } = [];

    /// <summary>The verdicts on the machines whose names start with the prefix; skips the test when asl-validator cannot run.</summary>
    internal List<AslResult> Of(string prefix)
    {
        if (Unavailable is not null)
        {
            Assert.Skip(Unavailable);
        }

        return [.. Names.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Select(n => Results[n])];
    }

    private static StepFunctionsExport Export(string text, ComputeTarget compute, bool allowApproximations, string pipelineName) =>
        StepFunctionsExporter.Export(
            DefinitionValidator.Validate(text).Definition!,
            new StepFunctionsExportOptions { PipelineName = pipelineName, Compute = compute, AllowApproximations = allowApproximations });

    /// <summary>The state machine inside a CloudFormation template.</summary>
    private static JsonNode MachineOf(JsonObject template) =>
        template["Resources"]!.AsObject().Single(r => r.Value!["Type"]!.GetValue<string>() == "AWS::StepFunctions::StateMachine")
            .Value!["Properties"]!["Definition"]!;
}
