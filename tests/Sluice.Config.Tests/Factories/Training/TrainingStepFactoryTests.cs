using Sluice.Config.Tests.Support;

namespace Sluice.Config.Tests.Factories.Training;

public sealed class TrainingStepFactoryTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("sluice-config-training-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void CreateStep_ScriptModeFromS3_WritesTheTrainingRequest()
    {
        var shared = Configs.Shared.Replace("  instance_type: ml.m5.large\n", "  instance_type: ml.m5.large\n  instance_count: 2\n  max_runtime_in_seconds: 7200\n", StringComparison.Ordinal);

        var built = Configs.BuildWith(shared, ("train.yaml", """
            step_name: Train
            step_factory_class: TrainingStepFactory
            output_path: s3://test-bucket/models
            entry_point: train.py
            source_dir: s3://test-bucket/code/sourcedir.tar.gz
            metric_definitions:
              - {name: "validation:mse", regex: 'mse: ([0-9\.]+)'}
            hyperparameters: {max_depth: "${parameters.Depth}", eta: 0.1, n: "200"}
            environment: {SEED: "7"}
            disable_profiler: true
            inputs:
              train: {s3_data: "${parameters.InputData}", content_type: text/csv, distribution: ShardedByS3Key}
            """));

        Configs.Step(built, "Train")["Arguments"].ShouldBeJson(
            "{`AlgorithmSpecification`:{`TrainingInputMode`:`File`,`TrainingImage`:`image:1`,`MetricDefinitions`:[{`Name`:`validation:mse`,`Regex`:`mse: ([0-9\\\\.]+)`}]}," +
            "`OutputDataConfig`:{`S3OutputPath`:`s3://test-bucket/models`},`StoppingCondition`:{`MaxRuntimeInSeconds`:7200}," +
            "`ResourceConfig`:{`VolumeSizeInGB`:30,`InstanceCount`:2,`InstanceType`:`ml.m5.large`},`RoleArn`:`arn:aws:iam::111122223333:role/Test`," +
            "`InputDataConfig`:[{`DataSource`:{`S3DataSource`:{`S3DataType`:`S3Prefix`,`S3Uri`:{`Get`:`Parameters.InputData`},`S3DataDistributionType`:`ShardedByS3Key`}},`ContentType`:`text/csv`,`ChannelName`:`train`}]," +
            "`HyperParameters`:{`max_depth`:{`Get`:`Parameters.Depth`},`eta`:`0.1`,`n`:`200`,`sagemaker_submit_directory`:`\\\"s3://test-bucket/code/sourcedir.tar.gz\\\"`," +
            "`sagemaker_program`:`\\\"train.py\\\"`,`sagemaker_container_log_level`:`20`,`sagemaker_region`:`\\\"us-east-1\\\"`}," +
            "`Environment`:{`SEED`:`7`},`DebugHookConfig`:{`S3OutputPath`:`s3://test-bucket/models`,`CollectionConfigurations`:[]},`ProfilerConfig`:{`DisableProfiler`:true}}");
    }

    [Fact]
    public void CreateStep_LocalSourceDir_IsPackedUnderItsContentHashInTheOutputPathsBucket()
    {
        var source = Directory.CreateDirectory(Path.Combine(_work, "train")).FullName;
        File.WriteAllText(Path.Combine(source, "train.py"), "print('train')\n");

        var built = Configs.Build(("train.yaml", $"""
            step_name: Train
            step_factory_class: TrainingStepFactory
            output_path: s3://models-bucket/out
            entry_point: train.py
            source_dir: {source}
            """));

        Configs.Step(built, "Train")["Arguments"]!["HyperParameters"]!["sagemaker_submit_directory"]!.GetValue<string>()
            .ShouldMatch("^\"s3://models-bucket/test/code/[0-9a-f]{64}/sourcedir.tar.gz\"$");
    }

    [Fact]
    public void ReadConfig_SourceDirWithoutEntryPoint_FailsNamingEntryPoint()
    {
        var error = Configs.Fails(("train.yaml", """
            step_name: Train
            step_factory_class: TrainingStepFactory
            source_dir: s3://b/sourcedir.tar.gz
            """));

        error.Message.ShouldBe("dev/train.yaml:1: entry_point: missing: 'entry_point' is required (script mode runs entry_point from source_dir)");
    }

    [Fact]
    public void ReadConfig_MissingLocalSourceDir_FailsAtSourceDir()
    {
        var error = Configs.Fails(("train.yaml", """
            step_name: Train
            step_factory_class: TrainingStepFactory
            entry_point: train.py
            source_dir: code/nowhere
            """));

        error.Message.ShouldBe("dev/train.yaml:4: source_dir: 'code/nowhere' is neither an s3:// URI nor a local folder (local paths are relative to the working directory)");
    }

    [Fact]
    public void ReadConfig_BooleanParameterForAnInteger_FailsNamingTheParameterType()
    {
        var error = Configs.Fails(("train.yaml", """
            step_name: Train
            step_factory_class: TrainingStepFactory
            instance_count: ${parameters.Flag}
            """));

        error.Message.ShouldBe("dev/train.yaml:3: instance_count: '${parameters.Flag}' is a Boolean parameter; this value must be an integer");
    }

    [Fact]
    public void Build_ListAsAHyperparameterValue_FailsNamingTheStepAndPath()
    {
        var error = Configs.Fails(("train.yaml", """
            step_name: Train
            step_factory_class: TrainingStepFactory
            hyperparameters: {n_estimators: [1, 2]}
            """));

        error.Message.ShouldContain("SLU214 Steps[0] 'Train' Arguments.HyperParameters.n_estimators: must be a string, not a list");
    }
}
