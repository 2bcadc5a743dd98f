using Sluice.Config.Tests.Support;

namespace Sluice.Config.Tests.Factories.Models;

public sealed class ModelStepFactoryTests
{
    [Fact]
    public void CreateStep_ScriptMode_WritesTheCreateModelRequest()
    {
        var built = Configs.Build(("model.yaml", """
            step_name: Model
            step_factory_class: ModelStepFactory
            image_uri: inference:2
            model_data: s3://test-bucket/model.tar.gz
            environment: {THREADS: "4"}
            entry_point: inference.py
            source_dir: s3://test-bucket/code/sourcedir.tar.gz
            """));

        Configs.Step(built, "Model").ShouldBeJson(
            "{`Name`:`Model`,`Type`:`Model`,`Arguments`:{`ExecutionRoleArn`:`arn:aws:iam::111122223333:role/Test`,`PrimaryContainer`:{`Image`:`inference:2`," +
            "`Environment`:{`THREADS`:`4`,`SAGEMAKER_PROGRAM`:`inference.py`,`SAGEMAKER_SUBMIT_DIRECTORY`:`s3://test-bucket/code/sourcedir.tar.gz`," +
            "`SAGEMAKER_CONTAINER_LOG_LEVEL`:`20`,`SAGEMAKER_REGION`:`us-east-1`},`ModelDataUrl`:`s3://test-bucket/model.tar.gz`}}}");
    }

    [Fact]
    public void ReadConfig_LocalSourceDir_FailsAtSourceDir()
    {
        var error = Configs.Fails(("model.yaml", """
            step_name: Model
            step_factory_class: ModelStepFactory
            entry_point: inference.py
            source_dir: code/inference
            """));

        error.Message.ShouldBe("dev/model.yaml:4: source_dir: 'code/inference' is local; models take their inference code from an s3:// sourcedir.tar.gz (e.g. the training step's)");
    }
}
