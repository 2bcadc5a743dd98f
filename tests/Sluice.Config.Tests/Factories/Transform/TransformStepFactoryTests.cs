using Sluice.Config.Tests.Support;

namespace Sluice.Config.Tests.Factories.Transform;

public sealed class TransformStepFactoryTests
{
    [Fact]
    public void CreateStep_ModelFromAModelStep_WritesTheTransformRequest()
    {
        var built = Configs.Build(
            ("model.yaml", """
                step_name: Model
                step_factory_class: ModelStepFactory
                model_data: s3://test-bucket/model.tar.gz
                """),
            ("transform.yaml", """
                step_name: Transform
                step_factory_class: TransformStepFactory
                model_name: ${steps.Model.ModelName}
                output_path: ${shared.values.data}/predictions
                accept: text/csv
                max_payload_in_mb: 6
                environment: {MODE: batch}
                input:
                  data: ${parameters.InputData}
                  content_type: text/csv
                  split_type: Line
                  join_source: Input
                """));

        Configs.Step(built, "Transform")["Arguments"].ShouldBeJson(
            "{`ModelName`:{`Get`:`Steps.Model.ModelName`},`TransformInput`:{`DataSource`:{`S3DataSource`:{`S3DataType`:`S3Prefix`,`S3Uri`:{`Get`:`Parameters.InputData`}}}," +
            "`ContentType`:`text/csv`,`SplitType`:`Line`},`TransformOutput`:{`S3OutputPath`:`s3://test-bucket/data/predictions`,`Accept`:`text/csv`}," +
            "`TransformResources`:{`InstanceCount`:1,`InstanceType`:`ml.m5.large`},`MaxPayloadInMB`:6,`Environment`:{`MODE`:`batch`},`DataProcessing`:{`JoinSource`:`Input`}}");
        Configs.TopLevelNames(built).ShouldBe(["Model", "Transform"]);
    }

    [Fact]
    public void ReadConfig_NoInput_FailsNamingInput()
    {
        var error = Configs.Fails(("transform.yaml", """
            step_name: Transform
            step_factory_class: TransformStepFactory
            model_name: my-model
            output_path: s3://b/out
            """));

        error.Message.ShouldBe("dev/transform.yaml:1: input: missing: 'input' is required");
    }
}
