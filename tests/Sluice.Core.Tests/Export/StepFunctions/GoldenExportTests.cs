using Sluice.Core.Export.StepFunctions;
using Sluice.Core.Tests.Export.StepFunctions.SideBySide;
using Sluice.Definitions.Validation;

namespace Sluice.Core.Tests.Export.StepFunctions;

/// <summary>
/// Exports reviewed by eye once and kept: the example pipeline in both compute modes (machine and template), the
/// every-condition definition (its Choice rules), the Lambda/Callback pipeline and the Model/RegisterModel definition.
/// Any change to the compiler's output shows up here as a diff to review. When a change is meant, run these tests with
/// <c>SLUICE_UPDATE_GOLDEN=1</c>: they write the new output over the golden files in the source tree (then review the
/// diff with <c>git diff</c> before committing).
/// </summary>
public sealed class GoldenExportTests
{
    [Theory]
    [InlineData("diabetes", ComputeTarget.SageMaker, "diabetes-sagemaker.asl.json", false)]
    [InlineData("diabetes", ComputeTarget.SageMaker, "diabetes-sagemaker.template.json", true)]
    [InlineData("diabetes", ComputeTarget.Batch, "diabetes-batch.asl.json", false)]
    [InlineData("diabetes", ComputeTarget.Batch, "diabetes-batch.template.json", true)]
    [InlineData("conditions", ComputeTarget.Batch, "conditions-batch.asl.json", false)]
    [InlineData("callback", ComputeTarget.SageMaker, "callback-sagemaker.asl.json", false)]
    [InlineData("registry", ComputeTarget.SageMaker, "registry-sagemaker.asl.json", false)]
    [InlineData("registry", ComputeTarget.Batch, "registry-batch.asl.json", false)]
    public void Export_Definition_MatchesTheGoldenFile(string source, ComputeTarget compute, string golden, bool template)
    {
        var text = source switch
        {
            "diabetes" => File.ReadAllText(Path.Combine(SideBySideCases.RepositoryRoot, "examples", "diabetes", "pipeline.json")),
            "conditions" => SideBySideCases.Conditions,
            "callback" => MotoExecutionFixture.CallbackPipeline,
            _ => SideBySideCases.Registry,
        };
        var definition = DefinitionValidator.Validate(text).Definition!;
        var export = StepFunctionsExporter.Export(definition, new StepFunctionsExportOptions { PipelineName = source, Compute = compute, AllowApproximations = true });

        var actual = StepFunctionsExporter.ToJson(template ? export.Template : export.StateMachine);
        if (Environment.GetEnvironmentVariable("SLUICE_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(Path.Combine(SideBySideCases.RepositoryRoot, "tests", "Sluice.Core.Tests", "Export", "StepFunctions", "Golden", golden), actual);
        }
        else
        {
            actual.ShouldBe(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Export", "StepFunctions", "Golden", golden)));
        }
    }
}
