using Sluice.Sdk.Expressions;
using Sluice.Sdk.Parameters;
using Sluice.Sdk.Processing;
using Sluice.Sdk.Steps;
using Sluice.Sdk.Tests.Support;

namespace Sluice.Sdk.Tests.Steps;

public sealed class CallbackStepTests
{
    [Fact]
    public void ToDefinitionJson_CallbackStep_MatchesThePythonSdk()
    {
        var rawData = new ParameterString("RawDataUri", "s3://sagemaker-us-west-2-111122223333/churn/raw/");
        var glueJob = new ParameterString("GlueJobName", "churn-etl");
        var etl = new CallbackStep("GlueEtl", "https://sqs.us-west-2.amazonaws.com/111122223333/churn-etl-callbacks")
        {
            Inputs =
            {
                ["glue_job_name"] = glueJob,
                ["input_uri"] = rawData,
                ["output_prefix"] = new Join("/", "s3:/", Fixture.Bucket, "etl", ExecutionVariables.PipelineExecutionId),
            },
            Outputs =
            {
                new OutputParameter("output_s3_uri"),
                new OutputParameter("record_count", OutputParameterType.Integer),
                new OutputParameter("schema_valid", OutputParameterType.Boolean),
            },
            DisplayName = "Glue ETL",
            Description = "Runs the Glue job and waits for SendPipelineExecutionStepSuccess",
            CacheConfig = new CacheConfig(true, "PT2H"),
        };
        var prep = new ProcessingStep("Prep", new Processor { ImageUri = Fixture.SklearnImage, Role = Fixture.Role, InstanceType = "ml.m5.xlarge" })
        {
            Inputs = { new ProcessingInput(etl.Properties.OutputParameters["output_s3_uri"], "/opt/ml/processing/input") },
            Outputs = { new ProcessingOutput("/opt/ml/processing/train", outputName: "train") },
            Code = Fixture.Code("CallbackEtl", "88ce691530300e39ebf9c8760269ce9aec20006c7a4cf2d82365013b2e9aa7fe", "preprocessing.py"),
        };
        var check = new ConditionStep("CheckSchema")
        {
            Conditions = { etl.Properties.OutputParameters["schema_valid"].EqualTo(true) },
            IfSteps = { prep },
            ElseSteps =
            {
                new FailStep("SchemaInvalid", new Join(" ", "The ETL callback reported an invalid schema after", etl.Properties.OutputParameters["record_count"], "records")),
            },
        };
        var pipeline = new Pipeline("CallbackEtl") { Parameters = { rawData, glueJob }, Steps = { etl, check }, Session = Fixture.Session };

        Golden.ShouldMatch(pipeline, "sdk/callback.json");
    }

    [Fact]
    public void Properties_OutputParameter_RendersTheSdkPath()
    {
        var callback = new CallbackStep("Cb", "https://sqs.us-east-1.amazonaws.com/111122223333/q");

        var expression = callback.Properties.OutputParameters["job_status"].ToExpression();

        expression["Get"]!.GetValue<string>().ShouldBe("Steps.Cb.OutputParameters['job_status']");
    }
}
