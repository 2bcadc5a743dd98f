using System.Text.Json.Nodes;
using Sluice.Definitions;
using Sluice.Definitions.Json;

namespace Sluice.Core.Export.StepFunctions;

/// <summary>
/// The CloudFormation template of an export: the state machine (its definition inline, with
/// <c>DefinitionSubstitutions</c>), the role it runs as, and with Batch the job definitions and the jobs' role.
/// </summary>
internal static class CloudFormationTemplate
{
    public static JsonObject Build(PipelineDefinition definition, StepFunctionsExportOptions options, JsonObject stateMachine, IReadOnlyList<BatchJobDefinition> jobDefinitions)
    {
        var batch = options.Compute == ComputeTarget.Batch;
        var text = StepFunctionsExporter.ToJson(stateMachine);
        var usesBucket = text.Contains("${ArtifactBucket}", StringComparison.Ordinal);
        var parameters = new JsonObject();
        var substitutions = new JsonObject();
        if (usesBucket)
        {
            parameters["ArtifactBucket"] = new JsonObject
            {
                ["Type"] = "String",
                ["Description"] = "The S3 bucket where Batch jobs write each step's properties (sluice/<execution>/<step>/properties.json).",
            };
            substitutions["ArtifactBucket"] = Ref("ArtifactBucket");
        }

        if (batch)
        {
            parameters["JobQueueArn"] = new JsonObject { ["Type"] = "String", ["Description"] = "The AWS Batch job queue the steps run on (EC2 compute environment)." };
            substitutions["JobQueueArn"] = Ref("JobQueueArn");
        }

        var resources = new JsonObject
        {
            ["StateMachineRole"] = StateMachineRole(definition, batch),
        };
        var stateMachineResource = new JsonObject
        {
            ["Type"] = "AWS::StepFunctions::StateMachine",
            ["Properties"] = new JsonObject
            {
                ["StateMachineName"] = options.PipelineName,
                ["RoleArn"] = GetAtt("StateMachineRole", "Arn"),
                ["Definition"] = stateMachine.DeepClone(),
                ["DefinitionSubstitutions"] = substitutions,
            },
        };
        if (substitutions.Count == 0)
        {
            ((JsonObject)stateMachineResource["Properties"]!).Remove("DefinitionSubstitutions");
        }

        if (batch)
        {
            resources["BatchJobRole"] = Role("ecs-tasks.amazonaws.com", new JsonArray(
                Statement(["s3:GetObject", "s3:PutObject", "s3:ListBucket"], "*"),
                Statement(["sagemaker:DescribeModel"], "*")));
            var dependsOn = new JsonArray();
            for (var i = 0; i < jobDefinitions.Count; i++)
            {
                var job = jobDefinitions[i];
                var properties = (JsonObject)job.Definition.DeepClone();
                properties["JobDefinitionName"] = job.Name;
                ((JsonObject)properties["ContainerProperties"]!)["JobRoleArn"] = GetAtt("BatchJobRole", "Arn");
                var logical = "JobDefinition" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                resources[logical] = new JsonObject { ["Type"] = "AWS::Batch::JobDefinition", ["Properties"] = properties };
                dependsOn.Add((JsonNode)logical!);
            }

            if (dependsOn.Count > 0)
            {
                stateMachineResource["DependsOn"] = dependsOn;
            }
        }

        resources["StateMachine"] = stateMachineResource;
        var template = new JsonObject
        {
            ["AWSTemplateFormatVersion"] = "2010-09-09",
            ["Description"] = $"SageMaker pipeline '{options.PipelineName}' as an AWS Step Functions state machine, exported by Sluice",
        };
        if (parameters.Count > 0)
        {
            template["Parameters"] = parameters;
        }

        template["Resources"] = resources;
        template["Outputs"] = new JsonObject
        {
            ["StateMachineArn"] = new JsonObject { ["Value"] = Ref("StateMachine") },
        };
        return template;
    }

    private static JsonObject StateMachineRole(PipelineDefinition definition, bool batch)
    {
        var statements = new JsonArray(
            Statement(["sagemaker:CreateProcessingJob", "sagemaker:CreateTrainingJob", "sagemaker:CreateTransformJob", "sagemaker:CreateHyperParameterTuningJob",
                "sagemaker:Describe*", "sagemaker:Stop*", "sagemaker:CreateModel", "sagemaker:CreateModelPackage", "sagemaker:AddTags", "sagemaker:ListTags"], "*"),
            Statement(["events:PutTargets", "events:PutRule", "events:DescribeRule"], "*"),
            Statement(["s3:GetObject"], "*"),
            new JsonObject
            {
                ["Effect"] = "Allow",
                ["Action"] = "iam:PassRole",
                ["Resource"] = "*",
                ["Condition"] = new JsonObject { ["StringEquals"] = new JsonObject { ["iam:PassedToService"] = "sagemaker.amazonaws.com" } },
            });
        var functions = definition.AllSteps.Where(s => s.Type == StepType.Lambda && s.FunctionArn is not null).Select(s => s.FunctionArn!).Distinct().ToList();
        if (functions.Count > 0)
        {
            statements.Add((JsonNode)Statement(["lambda:InvokeFunction"], [.. functions]));
        }

        if (definition.AllSteps.Any(s => s.Type == StepType.Callback))
        {
            statements.Add((JsonNode)Statement(["sqs:SendMessage"], "*"));
        }

        if (batch)
        {
            statements.Add((JsonNode)Statement(["batch:SubmitJob", "batch:DescribeJobs", "batch:TerminateJob"], "*"));
        }

        return Role("states.amazonaws.com", statements);
    }

    private static JsonObject Role(string service, JsonArray statements) => new()
    {
        ["Type"] = "AWS::IAM::Role",
        ["Properties"] = new JsonObject
        {
            ["AssumeRolePolicyDocument"] = new JsonObject
            {
                ["Version"] = "2012-10-17",
                ["Statement"] = new JsonArray(new JsonObject
                {
                    ["Effect"] = "Allow",
                    ["Principal"] = new JsonObject { ["Service"] = service },
                    ["Action"] = "sts:AssumeRole",
                }),
            },
            ["Policies"] = new JsonArray(new JsonObject
            {
                ["PolicyName"] = "sluice-export",
                ["PolicyDocument"] = new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = statements },
            }),
        },
    };

    private static JsonObject Statement(string[] actions, params string[] resources) => new()
    {
        ["Effect"] = "Allow",
        ["Action"] = new JsonArray([.. actions.Select(a => (JsonNode)a)]),
        ["Resource"] = resources.Length == 1 ? resources[0] : new JsonArray([.. resources.Select(r => (JsonNode)r)]),
    };

    private static JsonObject Ref(string name) => new() { ["Ref"] = name };

    private static JsonObject GetAtt(string resource, string attribute) => new() { ["Fn::GetAtt"] = new JsonArray(resource, attribute) };
}
