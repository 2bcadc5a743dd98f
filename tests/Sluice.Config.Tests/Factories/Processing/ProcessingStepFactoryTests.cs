using Sluice.Config.Factories;
using Sluice.Config.Factories.Processing;
using Sluice.Config.Tests.Support;

namespace Sluice.Config.Tests.Factories.Processing;

public sealed class ProcessingStepFactoryTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("sluice-config-processing-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void CreateStep_EveryKey_WritesTheProcessingRequest()
    {
        var shared = Configs.Shared.Replace("role_arn:", "tags: {team: ml}\nrole_arn:", StringComparison.Ordinal);

        var built = Configs.BuildWith(shared, ("prep.yaml", """
            step_name: Prep
            step_factory_class: ProcessingStepFactory
            instance_count: 2
            volume_size_in_gb: 50
            max_runtime_in_seconds: 600
            inputs:
              - source: ${parameters.InputData}
                destination: /opt/ml/processing/input
                input_name: raw
                s3_data_distribution_type: ShardedByS3Key
            outputs:
              - output_name: train
                source: /opt/ml/processing/train
                destination: ${shared.values.data}/train
              - source: /opt/ml/processing/stats
            code: s3://test-bucket/code/prep.py
            command: [python3, -u]
            arguments: [--ratio, 0.2, "${parameters.Depth}"]
            environment: {MODE: fast}
            network_config: {enable_network_isolation: true, subnets: [subnet-1], security_group_ids: [sg-1]}
            tags: {stage: prep}
            property_files:
              - {name: Stats, output_name: output-2, file_path: stats.json}
            """));

        Configs.Step(built, "Prep").ShouldBeJson("{`Name`:`Prep`,`Type`:`Processing`,`Arguments`:{`ProcessingResources`:{`ClusterConfig`:{`InstanceType`:`ml.m5.large`,`InstanceCount`:2,`VolumeSizeInGB`:50}}," +
            "`AppSpecification`:{`ImageUri`:`image:1`,`ContainerArguments`:[`--ratio`,`0.2`,{`Get`:`Parameters.Depth`}],`ContainerEntrypoint`:[`python3`,`-u`,`/opt/ml/processing/input/code/prep.py`]}," +
            "`RoleArn`:`arn:aws:iam::111122223333:role/Test`,`ProcessingInputs`:[" +
            "{`InputName`:`raw`,`AppManaged`:false,`S3Input`:{`S3Uri`:{`Get`:`Parameters.InputData`},`LocalPath`:`/opt/ml/processing/input`,`S3DataType`:`S3Prefix`,`S3InputMode`:`File`,`S3DataDistributionType`:`ShardedByS3Key`,`S3CompressionType`:`None`}}," +
            "{`InputName`:`code`,`AppManaged`:false,`S3Input`:{`S3Uri`:`s3://test-bucket/code/prep.py`,`LocalPath`:`/opt/ml/processing/input/code`,`S3DataType`:`S3Prefix`,`S3InputMode`:`File`,`S3DataDistributionType`:`FullyReplicated`,`S3CompressionType`:`None`}}]," +
            "`ProcessingOutputConfig`:{`Outputs`:[" +
            "{`OutputName`:`train`,`AppManaged`:false,`S3Output`:{`S3Uri`:`s3://test-bucket/data/train`,`LocalPath`:`/opt/ml/processing/train`,`S3UploadMode`:`EndOfJob`}}," +
            "{`OutputName`:`output-2`,`AppManaged`:false,`S3Output`:{`S3Uri`:{`Std:Join`:{`On`:`/`,`Values`:[`s3:/`,`test-bucket`,`test`,{`Get`:`Execution.PipelineExecutionId`},`Prep`,`output`,`output-2`]}},`LocalPath`:`/opt/ml/processing/stats`,`S3UploadMode`:`EndOfJob`}}]}," +
            "`Environment`:{`MODE`:`fast`},`NetworkConfig`:{`EnableNetworkIsolation`:true,`VpcConfig`:{`SecurityGroupIds`:[`sg-1`],`Subnets`:[`subnet-1`]}},`StoppingCondition`:{`MaxRuntimeInSeconds`:600}," +
            "`Tags`:[{`Key`:`team`,`Value`:`ml`},{`Key`:`stage`,`Value`:`prep`}]}," +
            "`PropertyFiles`:[{`PropertyFileName`:`Stats`,`OutputName`:`output-2`,`FilePath`:`stats.json`}]}");
    }

    [Fact]
    public void CreateStep_LocalCode_IsUploadedUnderItsContentHashInTheSharedBucket()
    {
        var script = Path.Combine(_work, "prep.py");
        File.WriteAllText(script, "print('prep')\n");

        var built = Configs.Build(("prep.yaml", $"""
            step_name: Prep
            step_factory_class: ProcessingStepFactory
            code: {script}
            """));

        var code = Configs.Step(built, "Prep")["Arguments"]!["ProcessingInputs"]![0]!["S3Input"]!["S3Uri"]!.GetValue<string>();
        code.ShouldMatch("^s3://test-bucket/test/code/[0-9a-f]{64}/prep.py$");
    }

    [Fact]
    public void CreateStep_Entrypoint_RunsTheContainersCommandWithoutCode()
    {
        var built = Configs.Build(("prep.yaml", """
            step_name: Prep
            step_factory_class: ProcessingStepFactory
            entrypoint: [/bin/sh, -c, "echo ${parameters.Depth}"]
            """));

        Configs.Step(built, "Prep")["Arguments"]!["AppSpecification"].ShouldBeJson("{`ImageUri`:`image:1`,`ContainerEntrypoint`:[`/bin/sh`,`-c`,{`Std:Join`:{`On`:``,`Values`:[`echo `,{`Get`:`Parameters.Depth`}]}}]}");
    }

    [Fact]
    public void ReadConfig_ModelOfTheFactory_HoldsTheProcessorAndTheInputs()
    {
        ProcessingStepConfig? model = null;
        var factories = new StepFactoryRegistry().Register("ProcessingStepFactory", () => new Capturing(m => model = m));

        Configs.BuildWith(factories, ("prep.yaml", """
            step_name: Prep
            step_factory_class: ProcessingStepFactory
            instance_type: ml.c5.xlarge
            code: s3://b/prep.py
            inputs: [{source: "s3://b/in", destination: /opt/ml/processing/input}]
            """));

        model.ShouldNotBeNull();
        model.Code.ShouldBe("s3://b/prep.py");
        model.Inputs.Count.ShouldBe(1);
        model.Processor.InstanceType.ToJson()!.GetValue<string>().ShouldBe("ml.c5.xlarge");
        model.Processor.Command.ShouldBe(["python3"]);
    }

    [Fact]
    public void ReadConfig_CodeAndEntrypoint_FailsAtEntrypoint()
    {
        var error = Configs.Fails(("prep.yaml", """
            step_name: Prep
            step_factory_class: ProcessingStepFactory
            code: s3://b/prep.py
            entrypoint: [python3, run.py]
            """));

        error.Message.ShouldBe("dev/prep.yaml:4: entrypoint: give code (a script run with command) or entrypoint, not both");
    }

    [Fact]
    public void ReadConfig_MissingLocalCode_FailsAtCode()
    {
        var error = Configs.Fails(("prep.yaml", """
            step_name: Prep
            step_factory_class: ProcessingStepFactory
            code: no/such/prep.py
            """));

        error.Message.ShouldBe("dev/prep.yaml:3: code: 'no/such/prep.py' is neither an s3:// URI nor a local file (local paths are relative to the working directory)");
    }

    [Fact]
    public void ReadConfig_PropertyFileOfAnUnknownOutput_FailsWithTheOutputs()
    {
        var error = Configs.Fails(("prep.yaml", """
            step_name: Prep
            step_factory_class: ProcessingStepFactory
            code: s3://b/prep.py
            outputs: [{output_name: report, source: /opt/ml/processing/report}]
            property_files:
              - {name: Report, output_name: reprot, file_path: r.json}
            """));

        error.Message.ShouldBe("dev/prep.yaml:6: property_files[0].output_name: the step has no output 'reprot' (did you mean 'report'?); outputs: report");
    }

    [Fact]
    public void ReadConfig_NoImageAnywhere_FailsNamingTheSharedDefault()
    {
        var shared = Configs.Shared.Replace("  image_uri: image:1\n", string.Empty, StringComparison.Ordinal);

        var error = Configs.FailsWith(shared, ("prep.yaml", """
            step_name: Prep
            step_factory_class: ProcessingStepFactory
            code: s3://b/prep.py
            """));

        error.Message.ShouldBe("dev/prep.yaml:1: image_uri: missing: 'image_uri' is required (or set defaults.image_uri in the shared configuration)");
    }

    /// <summary>The built-in factory, keeping the model it read.</summary>
    private sealed class Capturing(Action<ProcessingStepConfig> keep) : StepFactory<ProcessingStepConfig>
    {
        private readonly ProcessingStepFactory _inner = new();

        public override ProcessingStepConfig ReadConfig(StepConfig config) => _inner.ReadConfig(config);

        public override Sdk.Steps.Step CreateStep(ProcessingStepConfig model, StepConfig config)
        {
            keep(model);
            return _inner.CreateStep(model, config);
        }
    }
}
