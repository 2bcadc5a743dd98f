using Sluice.Sdk.Conditions;
using Sluice.Sdk.Expressions;
using Sluice.Sdk.Parameters;
using Sluice.Sdk.Steps;
using Sluice.Sdk.Tests.Support;

namespace Sluice.Sdk.Tests.Steps;

public sealed class LambdaStepTests
{
    [Fact]
    public void ToDefinitionJson_LambdaSteps_MatchesThePythonSdk()
    {
        var group = new ParameterString("ModelPackageGroup", "ChurnModelPackageGroup");
        var stage = new ParameterString("TargetStage", "staging");
        var minAuc = new ParameterFloat("MinValidationAuc", 0.8);
        var lookup = new LambdaStep("LookupLatestModel", "arn:aws:lambda:us-west-2:111122223333:function:lookup-latest-model")
        {
            Inputs = { ["model_package_group_name"] = group, ["stage"] = stage, ["max_results"] = 1 },
            Outputs =
            {
                new OutputParameter("model_package_arn"),
                new OutputParameter("model_version", OutputParameterType.Integer),
                new OutputParameter("is_approved", OutputParameterType.Boolean),
                new OutputParameter("validation_auc", OutputParameterType.Float),
            },
            DisplayName = "Look up latest model",
            Description = "Finds the newest model package in the group",
            CacheConfig = new CacheConfig(true, "PT30M"),
        };
        var outputs = lookup.Properties.OutputParameters;
        var check = new ConditionStep("CheckApproval")
        {
            Conditions = { new ConditionEquals(outputs["is_approved"], true), outputs["validation_auc"] >= minAuc },
            IfSteps =
            {
                new LambdaStep("DeployEndpoint", "arn:aws:lambda:us-west-2:111122223333:function:deploy-endpoint")
                {
                    Inputs =
                    {
                        ["model_package_arn"] = outputs["model_package_arn"],
                        ["model_version"] = outputs["model_version"],
                        ["endpoint_name"] = new Join("-", "churn", stage),
                    },
                    Outputs = { new OutputParameter("endpoint_name") },
                },
            },
            ElseSteps = { new FailStep("ModelNotApproved", new Join(" ", "Model package", outputs["model_package_arn"], "is not approved")) },
        };
        var notify = new LambdaStep("NotifyTeam", "arn:aws:lambda:us-west-2:111122223333:function:notify-team")
        {
            Inputs = { ["execution_arn"] = ExecutionVariables.PipelineExecutionArn, ["model_version"] = outputs["model_version"] },
            DependsOn = { check },
        };
        var pipeline = new Pipeline("LambdaDemo") { Parameters = { group, stage, minAuc }, Steps = { lookup, check, notify } };

        Golden.ShouldMatch(pipeline, "sdk/lambda.json");
    }

}
