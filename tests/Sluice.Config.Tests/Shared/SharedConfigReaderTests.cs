using Sluice.Config.Tests.Support;
using Sluice.Sdk.Parameters;

namespace Sluice.Config.Tests.Shared;

public sealed class SharedConfigReaderTests
{
    private const string Stop = "step_name: Stop\nstep_factory_class: FailStepFactory\n";

    [Fact]
    public void Read_EveryKey_FillsTheSharedConfig()
    {
        var built = Configs.BuildWith("""
            project_name: churn
            project_version: "2.1"
            pipeline_name: churn-${shared.project_version}
            description: Churn model
            region: eu-west-1
            bucket: churn-bucket
            bucket_prefix: team
            role_arn: arn:aws:iam::111122223333:role/Churn
            tags: {team: ml, env: dev}
            defaults:
              image_uri: image:2
              instance_type: ${parameters.Type}
              instance_count: 2
              volume_size_in_gb: 100
              max_runtime_in_seconds: 600
            parameters:
              - {name: Type, type: String, default: ml.m5.large, enum: [ml.m5.large, ml.m5.xlarge]}
              - {name: Count, type: Integer}
              - {name: Rate, type: Float, default: 1}
              - {name: Fast, type: Boolean, default: false}
            values:
              anything: [goes, here]
            """, ("stop.yaml", Stop));

        var shared = built.Shared;
        (shared.ProjectName, shared.ProjectVersion, shared.PipelineName, shared.Description).ShouldBe(("churn", "2.1", "churn-2.1", "Churn model"));
        (shared.Region, shared.Bucket, shared.BucketPrefix, shared.RoleArn).ShouldBe(("eu-west-1", "churn-bucket", "team", "arn:aws:iam::111122223333:role/Churn"));
        shared.Tags.ShouldBe([new("team", "ml"), new("env", "dev")]);
        shared.Defaults.InstanceType.ShouldBeOfType<ParameterString>().Name.ShouldBe("Type");
        shared.Session.ShouldBe(new Sdk.PipelineSession { Region = "eu-west-1", DefaultBucket = "churn-bucket", DefaultBucketPrefix = "team" });
        built.Pipeline.Name.ShouldBe("churn-2.1");
        Configs.Json(System.Text.Json.Nodes.JsonNode.Parse(built.DefinitionJson)!["Parameters"]).ShouldBe(Configs.J(
            "[{`Name`:`Type`,`Type`:`String`,`DefaultValue`:`ml.m5.large`,`EnumValues`:[`ml.m5.large`,`ml.m5.xlarge`]},{`Name`:`Count`,`Type`:`Integer`}," +
            "{`Name`:`Rate`,`Type`:`Float`,`DefaultValue`:1.0},{`Name`:`Fast`,`Type`:`Boolean`,`DefaultValue`:false}]"));
    }

    [Theory]
    [InlineData("project_name: p\nbuckett: b\n", "dev/shared_config.yaml:2: buckett: unknown key (did you mean 'bucket'?)")]
    [InlineData("region: us-east-1\n", "dev/shared_config.yaml:1: project_name: missing: 'project_name' is required")]
    [InlineData("project_name: p\nparameters:\n  - {name: A, type: Str}\n", "dev/shared_config.yaml:3: parameters[0].type: unknown parameter type 'Str' (did you mean 'String'?); types: String, Integer, Float, Boolean")]
    [InlineData("project_name: p\nparameters:\n  - {name: A, type: Integer, default: 1.5}\n", "dev/shared_config.yaml:3: parameters[0].default: expected an integer, not '1.5'")]
    [InlineData("project_name: p\nparameters:\n  - {name: A, type: Integer, enum: [1, 2]}\n", "dev/shared_config.yaml:3: parameters[0].enum: only String parameters have enum values; 'A' is a Integer parameter")]
    [InlineData("project_name: p\nparameters:\n  - {name: A, type: String}\n  - {name: A, type: Float}\n", "dev/shared_config.yaml:4: parameters[1].name: parameter 'A' is already declared on line 3")]
    [InlineData("project_name: p\nparameters:\n  - {name: A, type: String, default: \"${parameters.B}\"}\n", "dev/shared_config.yaml:3: parameters[0].default: '${parameters.B}' is known only when the pipeline runs")]
    [InlineData("project_name: p\ndefaults: {instance_count: \"${steps.A.x}\"}\n", "dev/shared_config.yaml:2: defaults.instance_count: '${steps.A.x}': steps cannot be referenced in the shared configuration")]
    [InlineData("project_name: p\nfactory_assemblies: [no/such.dll]\n", "dev/shared_config.yaml:2: factory_assemblies: cannot load")]
    public void Read_BadSharedConfig_NamesFileLineAndKey(string shared, string message)
    {
        var error = Configs.FailsWith(shared, ("stop.yaml", Stop));

        error.Message.ShouldStartWith(message);
    }
}
