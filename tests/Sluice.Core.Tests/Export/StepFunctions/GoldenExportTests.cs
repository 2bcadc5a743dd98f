using Sluice.Core.Export.StepFunctions;
using Sluice.Definitions.Validation;

namespace Sluice.Core.Tests.Export.StepFunctions;

/// <summary>
/// The example pipeline's exports, reviewed by eye once and kept: any change to the compiler's output shows up here as
/// a diff to review (copy the new file over the golden one when the change is meant).
/// </summary>
public sealed class GoldenExportTests
{
    [Theory]
    [InlineData(ComputeTarget.SageMaker, "diabetes-sagemaker.asl.json", false)]
    [InlineData(ComputeTarget.Batch, "diabetes-batch.asl.json", false)]
    [InlineData(ComputeTarget.Batch, "diabetes-batch.template.json", true)]
    public void Export_ExamplePipeline_MatchesTheGoldenFile(ComputeTarget compute, string golden, bool template)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Sluice.slnx")))
        {
            root = Path.GetDirectoryName(root) ?? throw new DirectoryNotFoundException("Sluice.slnx");
        }

        var definition = DefinitionValidator.Validate(File.ReadAllText(Path.Combine(root, "examples", "diabetes", "pipeline.json"))).Definition!;
        var export = StepFunctionsExporter.Export(definition, new StepFunctionsExportOptions { PipelineName = "diabetes", Compute = compute, AllowApproximations = true });

        var actual = StepFunctionsExporter.ToJson(template ? export.Template : export.StateMachine);
        actual.ShouldBe(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Export", "StepFunctions", "Golden", golden)));
    }
}
