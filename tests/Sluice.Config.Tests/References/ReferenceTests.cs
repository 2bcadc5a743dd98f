using Sluice.Config.Tests.Support;

namespace Sluice.Config.Tests.References;

public sealed class ReferenceTests
{
    private const string Prep = """
        step_name: Prep
        step_factory_class: ProcessingStepFactory
        code: s3://test-bucket/code/prep.py
        outputs:
          - {output_name: train, source: /opt/ml/processing/train}
        property_files:
          - {name: Stats, output_name: train, file_path: stats.json}
        """;

    private static string Message(string left) => $$"""
        step_name: Stop
        step_factory_class: FailStepFactory
        error_message: {{left}}
        """;

    [Theory]
    [InlineData("${parameters.InputData}", "{`Get`:`Parameters.InputData`}")]
    [InlineData("${execution.PipelineExecutionId}", "{`Get`:`Execution.PipelineExecutionId`}")]
    [InlineData("${shared.bucket}", "`test-bucket`")]
    [InlineData("s3://${shared.bucket}/${shared.project_name}", "`s3://test-bucket/test`")]
    [InlineData("${shared.values.data}/x", "`s3://test-bucket/data/x`")]
    [InlineData("${shared.parameters.1.name}", "`Threshold`")]
    [InlineData("'$${literal} ${shared.bucket}'", "`${literal} test-bucket`")]
    [InlineData("${steps.Prep.outputs.train}", "{`Get`:`Steps.Prep.ProcessingOutputConfig.Outputs['train'].S3Output.S3Uri`}")]
    [InlineData("${steps.Prep.ProcessingOutputConfig.Outputs[0].S3Output.S3Uri}", "{`Get`:`Steps.Prep.ProcessingOutputConfig.Outputs[0].S3Output.S3Uri`}")]
    [InlineData("${steps.Prep.ProcessingJobName}", "{`Get`:`Steps.Prep.ProcessingJobName`}")]
    [InlineData("${steps.Prep.property_files.Stats.rows[0].count}",
        "{`Std:JsonGet`:{`PropertyFile`:{`Get`:`Steps.Prep.PropertyFiles.Stats`},`Path`:`rows[0].count`}}")]
    [InlineData("'run ${execution.PipelineExecutionId} of ${shared.project_name}'",
        "{`Std:Join`:{`On`:``,`Values`:[`run `,{`Get`:`Execution.PipelineExecutionId`},` of test`]}}")]
    public void Resolve_Reference_BecomesTheSdkValue(string written, string expected)
    {
        var built = Configs.Build(("prep.yaml", Prep), ("stop.yaml", Message(written)));

        Configs.Step(built, "Stop")["Arguments"]!["ErrorMessage"].ShouldBeJson(expected);
    }

    [Theory]
    [InlineData("${parameters.Inputdata}", "'${parameters.Inputdata}': no parameter 'Inputdata' is declared in the shared configuration (did you mean 'InputData'?); parameters: InputData, Threshold, Depth, Flag")]
    [InlineData("${execution.PipelineId}", "'${execution.PipelineId}': no execution variable 'PipelineId'")]
    [InlineData("${shared.buckets}", "'${shared.buckets}': shared has no 'buckets' (did you mean 'bucket'?) in dev/shared_config.yaml")]
    [InlineData("${shared.bucket.name}", "'${shared.bucket.name}': shared.bucket is a single value; it has no 'name'")]
    [InlineData("${param.X}", "'${param.X}' is not a reference (did you mean 'parameters'?): write ${parameters.NAME}, ${shared.KEY}, ${steps.STEP.PATH} or ${execution.NAME} ($${ writes a literal '${')")]
    [InlineData("'${parameters.InputData'", "'${parameters.InputData' is not closed: a reference is ${scope.path} (write $${ for a literal '${')")]
    [InlineData("${steps.Prep}", "'${steps.Prep}' names a step but no property: write ${steps.STEP.PATH}")]
    [InlineData("${steps.Prep.ProcessingOutputConfig.Output[0]}", "'${steps.Prep.ProcessingOutputConfig.Output[0]}': 'Output' is not a property of 'ProcessingOutputConfig' (did you mean 'Outputs'?)")]
    [InlineData("${steps.Prep.ProcessingJobName[0]}", "'${steps.Prep.ProcessingJobName[0]}': 'ProcessingJobName' is not a list; '[0]' does not apply")]
    [InlineData("${steps.Prep.outputs.test}", "'${steps.Prep.outputs.test}': Processing step 'Prep' has no output 'test'; outputs: train")]
    [InlineData("${steps.Prep.property_files.Stat.count}", "'${steps.Prep.property_files.Stat.count}': Processing step 'Prep' has no property file 'Stat' (did you mean 'Stats'?); property files: Stats")]
    [InlineData("${steps.Prep.top_model}", "'${steps.Prep.top_model}': top_model reads Tuning steps; 'Prep' is a Processing step")]
    public void Resolve_BadReference_FailsAtTheKeyWithWhatIsWrong(string written, string problem)
    {
        var error = Configs.Fails(("prep.yaml", Prep), ("stop.yaml", Message(written)));

        error.File.ShouldBe("dev/stop.yaml");
        error.Line.ShouldBe(3);
        error.Key.ShouldBe("error_message");
        error.Problem.ShouldStartWith(problem);
    }

    [Fact]
    public void Resolve_MisspeltPropertyOfATrainingStep_SuggestsTheMember()
    {
        var error = Configs.Fails(
            ("train.yaml", "step_name: Train\nstep_factory_class: TrainingStepFactory\n"),
            ("stop.yaml", Message("${steps.Train.ModelArtifacts.S3ModelArtifact}")));

        error.Problem.ShouldBe("'${steps.Train.ModelArtifacts.S3ModelArtifact}': 'S3ModelArtifact' is not a property of 'ModelArtifacts' (did you mean 'S3ModelArtifacts'?)");
    }

    [Fact]
    public void Resolve_StepsThatNeedEachOther_FailWithTheCycle()
    {
        var error = Configs.Fails(
            ("a.yaml", "step_name: A\nstep_factory_class: FailStepFactory\nerror_message: ${steps.B.outputs.x}\n"),
            ("b.yaml", "step_name: B\nstep_factory_class: LambdaStepFactory\nfunction_arn: f\ndepends_on: [A]\noutputs: [{name: x}]\n"));

        error.Message.ShouldBe("dev/b.yaml:4: depends_on[0]: step 'A' needs itself: A -> B -> A");
    }

    [Fact]
    public void Resolve_SharedValueThatRefersToItself_Fails()
    {
        var shared = Configs.Shared.Replace("values:\n", "values:\n  a: ${shared.values.b}\n  b: x${shared.values.a}\n", StringComparison.Ordinal);

        var error = Configs.FailsWith(shared, ("stop.yaml", Message("${shared.values.a}")));

        error.Problem.ShouldStartWith("'${shared.values.a}' refers to itself");
    }

    [Fact]
    public void Resolve_WholeSharedMapping_StandsForTheMapping()
    {
        var shared = Configs.Shared.Replace("values:\n", "values:\n  cache: {enabled: true, expire_after: P7D}\n", StringComparison.Ordinal);

        var built = Configs.BuildWith(shared, ("prep.yaml", Prep + "\ncache: ${shared.values.cache}\n"));

        Configs.Step(built, "Prep")["CacheConfig"].ShouldBeJson("{`Enabled`:true,`ExpireAfter`:`P7D`}");
    }

    [Fact]
    public void Resolve_ParameterWhereTheValueMustBeKnownWhenBuilt_Fails()
    {
        var error = Configs.Fails(("prep.yaml", Prep.Replace("code: s3://test-bucket/code/prep.py", "code: ${parameters.InputData}", StringComparison.Ordinal)));

        error.Message.ShouldBe("dev/prep.yaml:3: code: '${parameters.InputData}' is known only when the pipeline runs; this value must be known when it is built");
    }
}
