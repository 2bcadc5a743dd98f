using Sluice.Config.Tests.Support;

namespace Sluice.Config.Tests.Factories.Models;

public sealed class RegisterModelStepFactoryTests
{
    [Fact]
    public void CreateStep_MetricsAndMetadata_WritesTheCreateModelPackageRequest()
    {
        var built = Configs.Build(("register.yaml", """
            step_name: Register
            step_factory_class: RegisterModelStepFactory
            model_package_group_name: my-group
            model_package_description: the best one
            models:
              - model_data: s3://test-bucket/model.tar.gz
            content_types: text/csv
            response_types: [application/json]
            model_metrics:
              model_statistics: {content_type: application/json, s3_uri: "${shared.values.data}/stats.json"}
              bias: {content_type: application/json, s3_uri: s3://test-bucket/bias.json}
            customer_metadata: {owner: ml}
            domain: MACHINE_LEARNING
            task: REGRESSION
            approval_status: Approved
            skip_model_validation: All
            """));

        Configs.Step(built, "Register")["Arguments"].ShouldBeJson(
            "{`ModelPackageGroupName`:`my-group`,`ModelPackageDescription`:`the best one`,`ModelMetrics`:{`ModelQuality`:{`Statistics`:" +
            "{`ContentType`:`application/json`,`S3Uri`:`s3://test-bucket/data/stats.json`}},`Bias`:{`Report`:{`ContentType`:`application/json`,`S3Uri`:`s3://test-bucket/bias.json`}}}," +
            "`CustomerMetadataProperties`:{`owner`:`ml`},`Domain`:`MACHINE_LEARNING`,`Task`:`REGRESSION`," +
            "`InferenceSpecification`:{`Containers`:[{`Image`:`image:1`,`Environment`:{},`ModelDataUrl`:`s3://test-bucket/model.tar.gz`}]," +
            "`SupportedContentTypes`:[`text/csv`],`SupportedResponseMIMETypes`:[`application/json`]},`ModelApprovalStatus`:`Approved`,`SkipModelValidation`:`All`}");
    }

    [Fact]
    public void ReadConfig_NoModels_FailsNamingModels()
    {
        var error = Configs.Fails(("register.yaml", """
            step_name: Register
            step_factory_class: RegisterModelStepFactory
            model_package_group_name: my-group
            """));

        error.Message.ShouldBe("dev/register.yaml:1: models: missing: 'models' is required (a list of models, each with the keys of a Model step)");
    }
}
