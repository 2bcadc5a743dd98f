using Sluice.Config.Tests.Support;

namespace Sluice.Config.Tests.Building;

public sealed class PipelineBuilderTests
{
    [Fact]
    public void Build_Steps_AreOrderedByWhatTheyNeedThenByFileName()
    {
        var built = Configs.Build(
            ("a_report.yaml", "step_name: Report\nstep_factory_class: FailStepFactory\nerror_message: ${steps.Train.TrainingJobName}\n"),
            ("b_prepare.yaml", "step_name: Prepare\nstep_factory_class: ProcessingStepFactory\ncode: s3://b/p.py\noutputs: [{output_name: train, source: /opt/ml/processing/train}]\n"),
            ("c_train.yaml", "step_name: Train\nstep_factory_class: TrainingStepFactory\ninputs: {train: {s3_data: \"${steps.Prepare.outputs.train}\"}}\n"),
            ("d_alone.yaml", "step_name: Alone\nstep_factory_class: FailStepFactory\n"));

        Configs.TopLevelNames(built).ShouldBe(["Prepare", "Train", "Report", "Alone"]);
    }

    [Fact]
    public void Build_Pipeline_IsTheSdkPipelineOfTheSharedConfig()
    {
        var built = Configs.Build(("stop.yaml", "step_name: Stop\nstep_factory_class: FailStepFactory\n"));

        built.Pipeline.Name.ShouldBe("test");
        built.Pipeline.Parameters.Select(p => p.Name).ShouldBe(["InputData", "Threshold", "Depth", "Flag"]);
        built.Pipeline.Session.DefaultBucket.ShouldBe("test-bucket");
        built.DefinitionJson.ShouldBe(built.Pipeline.ToDefinitionJson());
    }

    [Fact]
    public void Build_ValidatorWarnings_AreToldAtTheStepFileOrTheParametersLine()
    {
        var built = Configs.Build(("prep.yaml", """
            step_name: Prep
            step_factory_class: ProcessingStepFactory
            code: s3://b/p.py
            cache: {enabled: true}
            """));

        built.Warnings.ShouldContain("dev/prep.yaml:1: warning SLU510 Steps[0] 'Prep' CacheConfig: caching is enabled without ExpireAfter, so cached results never expire");
        built.Warnings.ShouldContain("dev/shared_config.yaml:11: warning SLU106 Parameters[2] 'Depth': the parameter is declared but no step reads it");
    }

    [Fact]
    public void Build_OutputWithoutDestinationAndNoBucket_FailsAtTheSharedBucket()
    {
        var shared = Configs.Shared.Replace("bucket: test-bucket\n", string.Empty, StringComparison.Ordinal).Replace("${shared.bucket}", "b", StringComparison.Ordinal);

        var error = Configs.FailsWith(shared, ("prep.yaml", """
            step_name: Prep
            step_factory_class: ProcessingStepFactory
            code: s3://b/p.py
            outputs: [{output_name: out, source: /opt/ml/processing/out}]
            """));

        error.File.ShouldBe("dev/prep.yaml");
        error.Problem.ShouldContain("PipelineSession.DefaultBucket is not set");
    }
}
