using System.Text;
using Sluice.Definitions;
using Sluice.Definitions.Json;

namespace Sluice.Core.Export.StepFunctions;

/// <summary>The README written next to an export: what is in the folder, how to deploy and start it, and what differs.</summary>
internal static class ExportReadme
{
    public static string Write(StepFunctionsExport export, StepFunctionsExportOptions options, PipelineDefinition definition)
    {
        var batch = options.Compute == ComputeTarget.Batch;
        var text = new StringBuilder();
        text.Append("# ").Append(options.PipelineName).AppendLine(" on AWS Step Functions").AppendLine();
        text.Append("Exported by `sluice export stepfunctions` from a SageMaker pipeline definition (compute: `")
            .Append(batch ? "batch" : "sagemaker").AppendLine("`).").AppendLine();
        text.AppendLine("| File | What it is |").AppendLine("| --- | --- |");
        text.AppendLine("| `statemachine.asl.json` | The state machine (Amazon States Language). `${...}` placeholders are filled by CloudFormation. |");
        text.AppendLine("| `template.json` | CloudFormation: the state machine, its IAM role" + (batch ? ", the Batch job definitions and the jobs' role" : string.Empty) + ". |");
        if (batch)
        {
            text.AppendLine("| `job-definitions/*.json` | The Batch job definitions, named by the hash of their content. |");
            text.AppendLine("| `bootstrap.py` | What every Batch job runs (also inline in each job definition's command). |");
        }

        text.AppendLine("| `input.json` | An execution input with every parameter at its default. |").AppendLine();
        text.AppendLine("## Deploy").AppendLine().AppendLine("```sh");
        text.Append("aws cloudformation deploy --template-file template.json --stack-name ").Append(options.PipelineName).Append(" --capabilities CAPABILITY_IAM");
        var overrides = new List<string>();
        if (export.Template["Parameters"]?["ArtifactBucket"] is not null)
        {
            overrides.Add("ArtifactBucket=my-bucket");
        }

        if (batch)
        {
            overrides.Add("JobQueueArn=arn:aws:batch:REGION:ACCOUNT:job-queue/my-queue");
        }

        if (overrides.Count > 0)
        {
            text.Append(" \\\n  --parameter-overrides ").Append(string.Join(' ', overrides));
        }

        text.AppendLine().AppendLine("```").AppendLine();
        text.AppendLine("A template over 51,200 bytes needs `--s3-bucket BUCKET` as well.").AppendLine();
        text.AppendLine("## Start").AppendLine().AppendLine("```sh");
        text.Append("arn=$(aws cloudformation describe-stacks --stack-name ").Append(options.PipelineName)
            .AppendLine(" --query \"Stacks[0].Outputs[?OutputKey=='StateMachineArn'].OutputValue\" --output text)");
        text.AppendLine("aws stepfunctions start-execution --state-machine-arn \"$arn\" --input file://input.json");
        text.AppendLine("```").AppendLine();
        text.AppendLine("The input is `{\"Parameters\": {\"Name\": value, ...}}`; parameters left out take their defaults. Values are not converted: give")
            .AppendLine("numbers as JSON numbers and Booleans as `true`/`false`.").AppendLine();
        if (definition.AllSteps.Any(s => s.Type == StepType.Callback))
        {
            text.AppendLine("Callback steps send `{\"token\", \"pipelineExecutionArn\", \"arguments\", \"status\"}` to their queue as SageMaker does, but the token is a")
                .AppendLine("Step Functions task token: answer with `aws stepfunctions send-task-success --task-token TOKEN --output '{\"name\": \"value\"}'`")
                .AppendLine("(or `send-task-failure`), not with SendPipelineExecutionStepSuccess.").AppendLine();
        }

        if (batch)
        {
            text.AppendLine("## What the images must contain").AppendLine();
            text.AppendLine("Each Processing, Training and Transform step runs as a Batch job (Transform in its model's image) with the command")
                .AppendLine("`python3 -c <bootstrap.py>`. The image needs `python3` and `boto3`, and the step's own command (Processing:")
                .AppendLine("`ContainerEntrypoint` + `ContainerArguments`; script-mode Training: the Python interpreter and the libraries")
                .AppendLine("`sagemaker_program` imports; other Training images: `ContainerEntrypoint` or a `train` executable on the PATH;")
                .AppendLine("Transform: what the model's inference script (`SAGEMAKER_PROGRAM`) imports). The job's role (BatchJobRole)")
                .AppendLine("reads inputs and writes outputs in S3 (and describes the model of a Transform); the bootstrap writes each step's properties to")
                .AppendLine("`s3://ArtifactBucket/sluice/<execution name>/<step>/properties.json`, which the state machine reads back.").AppendLine();
        }

        Section(text, "Approximations", export.Approximations);
        Section(text, "Notes", export.Notes);
        return text.ToString();
    }

    private static void Section(StringBuilder text, string title, IReadOnlyList<ExportProblem> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        text.Append("## ").AppendLine(title).AppendLine();
        foreach (var item in items)
        {
            text.Append("- ").AppendLine(item.ToString());
        }

        text.AppendLine();
    }
}
