using Sluice.Config.Tests.Support;

namespace Sluice.Config.Tests.Building;

/// <summary>Every kind of configuration error names the file, the line and the key.</summary>
public sealed class ErrorMessageTests
{
    private const string Fail = """
        step_name: Stop
        step_factory_class: FailStepFactory
        error_message: stopped
        """;

    [Fact]
    public void Build_MissingKey_NamesFileLineAndKey()
    {
        var error = Configs.Fails(("train.yaml", """
            step_name: Train
            step_factory_class: TrainingStepFactory
            entry_point: train.py
            source_dir: s3://b/code/sourcedir.tar.gz
            inputs:
              train:
                content_type: text/csv
            """));

        error.Message.ShouldBe("dev/train.yaml:7: inputs.train.s3_data: missing: 's3_data' is required in inputs.train");
        (error.File, error.Line, error.Key).ShouldBe(("dev/train.yaml", 7, "inputs.train.s3_data"));
    }

    [Fact]
    public void Build_UnknownKey_NamesFileLineAndKeyWithTheClosestKnownKey()
    {
        var error = Configs.Fails(("stop.yaml", """
            step_name: Stop
            step_factory_class: FailStepFactory
            eror_message: stopped
            """));

        error.File.ShouldBe("dev/stop.yaml");
        error.Line.ShouldBe(3);
        error.Key.ShouldBe("eror_message");
        error.Message.ShouldStartWith("dev/stop.yaml:3: eror_message: unknown key (did you mean 'error_message'?); known keys here: step_name, step_factory_class, error_message");
    }

    [Fact]
    public void Build_WrongType_NamesFileLineAndKey()
    {
        var error = Configs.Fails(("prep.yaml", """
            step_name: Prep
            step_factory_class: ProcessingStepFactory
            instance_count: two
            code: s3://b/code/prep.py
            """));

        error.Message.ShouldBe("dev/prep.yaml:3: instance_count: expected an integer, not 'two'");
    }

    [Fact]
    public void Build_UnknownFactory_NamesFileLineAndKeyWithTheClosestFactory()
    {
        var error = Configs.Fails(("stop.yaml", """
            step_name: Stop
            step_factory_class: FailStepFactroy
            """));

        error.Message.ShouldStartWith("dev/stop.yaml:2: step_factory_class: unknown step factory 'FailStepFactroy' (did you mean 'FailStepFactory'?); factories: CallbackStepFactory, ConditionStepFactory, ");
    }

    [Fact]
    public void Build_UnknownEnvironment_NamesTheDirectoryAndTheEnvironments()
    {
        var error = Should.Throw<PipelineConfigException>(() => PipelineBuilder.ForDirectory(Repository.DiabetesConfig).Build("prd"));

        error.Message.ShouldBe($"{Repository.DiabetesConfig}: unknown environment 'prd' (did you mean 'prod'?); environments: dev, local, prod");
    }

    [Fact]
    public void Build_ReferenceToAStepThatDoesNotExist_NamesFileLineAndKey()
    {
        var error = Configs.Fails(("check.yaml", """
            step_name: Check
            step_factory_class: ConditionStepFactory
            conditions:
              - type: Equals
                left: ${steps.Prepare.outputs.train}
                right: x
            """));

        error.Message.ShouldBe("dev/check.yaml:5: conditions[0].left: references step 'Prepare', which does not exist; steps: Check");
    }

    [Fact]
    public void Build_StepNamedInABranchThatDoesNotExist_NamesFileLineAndKeyWithTheClosestStep()
    {
        var error = Configs.Fails(
            ("check.yaml", """
                step_name: Check
                step_factory_class: ConditionStepFactory
                conditions: [{type: Equals, left: 1, right: 1}]
                else_steps: [Stpo]
                """),
            ("stop.yaml", Fail));

        error.Message.ShouldBe("dev/check.yaml:4: else_steps[0]: references step 'Stpo', which does not exist (did you mean 'Stop'?); steps: Check, Stop");
    }

    [Fact]
    public void Build_TwoStepsWithOneName_NamesBothFilesAndLines()
    {
        var error = Configs.Fails(("a.yaml", Fail), ("b.yaml", "# the same name again\n" + Fail));

        error.Message.ShouldBe("dev/b.yaml:2: step_name: two steps are named 'Stop': this one and the one in dev/a.yaml:1");
    }

    [Fact]
    public void Build_InvalidYaml_NamesFileAndLine()
    {
        var error = Configs.Fails(("stop.yaml", "step_name: Stop\nstep_factory_class: [FailStepFactory\n"));

        error.File.ShouldBe("dev/stop.yaml");
        error.Line.ShouldNotBeNull();
        error.Message.ShouldContain("not valid YAML");
    }

    [Fact]
    public void Build_WrongTypeInASharedValue_NamesTheSharedLineAndTheReference()
    {
        var shared = Configs.Shared.Replace("values:\n", "values:\n  count: many\n", StringComparison.Ordinal);

        var error = Configs.FailsWith(shared, ("prep.yaml", """
            step_name: Prep
            step_factory_class: ProcessingStepFactory
            code: s3://b/code/prep.py
            instance_count: ${shared.values.count}
            """));

        error.Message.ShouldBe("dev/shared_config.yaml:14: instance_count: expected an integer, not 'many' (the value of ${shared.values.count} at dev/prep.yaml:4)");
    }
}
