using System.Text.Json.Nodes;
using Sluice.Core.Export.StepFunctions;
using Sluice.Core.Tests.Export.StepFunctions.SideBySide;
using Sluice.Definitions.Validation;

namespace Sluice.Core.Tests.Export.StepFunctions.Asl;

/// <summary>
/// Every machine the export's tests make or keep passes asl-validator 4.0.0 (npm, pinned in tools/asl-validator); all
/// are checked in one node process by <see cref="AslValidationFixture"/>. Skipped, with the reason, when node or the
/// package is not installed (scripts/test installs it with <c>npm ci</c> and carries on when the registry is unreachable).
/// </summary>
public sealed class AslValidationTests(AslValidationFixture fixture) : IClassFixture<AslValidationFixture>
{
    [Fact]
    public void Validate_GoldenExports_AreValid()
    {
        var results = fixture.Of("golden/");

        results.Where(r => !r.Valid).ShouldBeEmpty();
        results.Count.ShouldBe(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Export", "StepFunctions", "Golden"), "*.json").Length);
    }

    [Fact]
    public void Validate_ExamplePipelineInBothComputeModes_IsValid()
    {
        var results = fixture.Of("example/");

        results.Where(r => !r.Valid).ShouldBeEmpty();
        results.Count.ShouldBe(4);
    }

    [Fact]
    public void Validate_SideBySideExports_AreValid()
    {
        var results = fixture.Of("side-by-side/");

        results.Where(r => !r.Valid).ShouldBeEmpty();
        results.Count.ShouldBe(SideBySideCases.All.Select(c => (c.Definition, c.Compute)).Distinct().Count());
    }

    [Fact]
    public void Validate_MotoTestExports_AreValid()
    {
        var results = fixture.Of("moto/");

        results.Where(r => !r.Valid).ShouldBeEmpty();
        results.Count.ShouldBe(2);
    }

    [Fact]
    public void Validate_SdkFixtureExportsInBothComputeModes_AreValid()
    {
        var results = fixture.Of("sdk/");

        results.Where(r => !r.Valid).ShouldBeEmpty();
        // The fixtures the moto tests create in both modes are all among them (machine and template's machine each).
        foreach (var name in new[] { "abalone", "callback", "condition_all_types", "execution_variables", "fail", "functions", "lambda", "model", "parameters", "processing", "register_model", "training", "transform", "tuning" })
        {
            foreach (var compute in new[] { ComputeTarget.SageMaker, ComputeTarget.Batch })
            {
                results.Count(r => r.Name.StartsWith($"sdk/{name}/{compute}", StringComparison.Ordinal)).ShouldBe(2, $"{name} {compute}: {fixture.Refused.GetValueOrDefault($"sdk/{name}/{compute}")}");
            }
        }
    }

    [Fact]
    public void Validate_RandomDagExports_AreValid()
    {
        var results = fixture.Of("dag/");

        results.Where(r => !r.Valid).ShouldBeEmpty();
        results.Count.ShouldBe(24);
    }

    [Fact]
    public void Validate_MutatedFixturesThatStillExport_AreValid()
    {
        var results = fixture.Of("fuzz/");

        results.Where(r => !r.Valid).ShouldBeEmpty();
        results.Count.ShouldBe(24);
    }

    [Fact]
    public void Validate_NextToAMissingState_IsInvalidWithTheValidatorsMessage()
    {
        var broken = fixture.Of(AslValidationFixture.Broken).ShouldHaveSingleItem();

        broken.Valid.ShouldBeFalse();
        broken.Errors.ShouldContain($"MISSING_TRANSITION_TARGET: Missing 'StartAt'|'Next'|'Default' target: {AslValidationFixture.MissingState}");
        // The unchanged machine it was made from is valid, so the error is the broken Next's.
        fixture.Results["example/Batch/statemachine.asl.json"].Valid.ShouldBeTrue();
    }

    [Fact]
    public void ValidateScript_ExportedFolder_ValidatesTheMachineAndTheTemplateAndSkipsOtherJson()
    {
        fixture.Of("example/");
        var folder = Directory.CreateTempSubdirectory("sluice-asl-");
        try
        {
            var text = File.ReadAllText(Path.Combine(SideBySideCases.RepositoryRoot, "examples", "diabetes", "pipeline.json"));
            var export = StepFunctionsExporter.Export(
                DefinitionValidator.Validate(text).Definition!,
                new StepFunctionsExportOptions { PipelineName = "diabetes", Compute = ComputeTarget.Batch, AllowApproximations = true });
            File.WriteAllText(Path.Combine(folder.FullName, "statemachine.asl.json"), StepFunctionsExporter.ToJson(export.StateMachine));
            File.WriteAllText(Path.Combine(folder.FullName, "template.json"), StepFunctionsExporter.ToJson(export.Template));
            File.WriteAllText(Path.Combine(folder.FullName, "input.json"), StepFunctionsExporter.ToJson(export.SampleInput));
            var broken = export.StateMachine.DeepClone().AsObject();
            broken["StartAt"] = AslValidationFixture.MissingState;
            Directory.CreateDirectory(Path.Combine(folder.FullName, "more"));
            File.WriteAllText(Path.Combine(folder.FullName, "more", "broken.asl.json"), broken.ToJsonString());

            var (exitCode, stdout, stderr) = AslValidator.RunScript([folder.FullName]);

            exitCode.ShouldBe(1, stderr);
            var lines = stdout.Trim().Split('\n');
            lines.Length.ShouldBe(3, stdout);
            lines.ShouldContain("valid " + Path.Combine(folder.FullName, "statemachine.asl.json"));
            lines.ShouldContain("valid " + Path.Combine(folder.FullName, "template.json") + "#StateMachine");
            lines.ShouldContain(l => l.StartsWith("invalid " + Path.Combine(folder.FullName, "more", "broken.asl.json") + ": ", StringComparison.Ordinal)
                && l.Contains(AslValidationFixture.MissingState, StringComparison.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
