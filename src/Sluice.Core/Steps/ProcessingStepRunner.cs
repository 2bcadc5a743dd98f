using System.Text.Json;
using Sluice.Core.Execution;
using Sluice.Core.Jobs;
using Sluice.Core.Storage;
using Sluice.Definitions.Json;
using Sluice.Definitions.Validation;

namespace Sluice.Core.Steps;

/// <summary>
/// Runs a Processing step as SageMaker runs a processing job, on this machine: its ProcessingInputs are copied to their
/// LocalPath under <c>/opt/ml/processing</c>, AppSpecification.ContainerEntrypoint + ContainerArguments run in the
/// job host (the local sandbox) with the step's Environment, and each output's LocalPath is uploaded to its S3Uri when the job ends well
/// (EndOfJob). The step's properties are a DescribeProcessingJob response.
/// </summary>
/// <param name="jobs">Where jobs run.</param>
public sealed class ProcessingStepRunner(IJobHost jobs) : IStepRunner
{
    /// <inheritdoc />
    public bool UsesJobSlot => true;

    /// <inheritdoc />
    public async Task<StepResult> RunAsync(StepRunContext context, CancellationToken cancellationToken)
    {
        if (await JobRun.LostAsync(jobs, context, cancellationToken) is { } lost)
        {
            return lost;
        }

        var jobName = context.Arguments.Member("ProcessingJobName").TryGetString(out var given) ? given : context.JobName;
        var arn = JobSteps.Arn(context, "processing-job", jobName);
        return await JobRecorder.RecordAsync(context, JobKind.Processing, jobName, arn, () => RunJobAsync(context, jobName, arn, cancellationToken), cancellationToken);
    }

    private async Task<StepResult> RunJobAsync(StepRunContext context, string jobName, string arn, CancellationToken cancellationToken)
    {
        var arguments = context.Arguments;
        var metadata = Json.Parse("{\"ProcessingJob\": {\"Arn\": " + Json.Quote(arn) + "}}");
        var started = context.Time.GetUtcNow();
        var layout = JobLayout.For(context);

        StepResult Fail(string reason) => new StepResult.Failed(reason, null) { Metadata = metadata };

        var image = arguments.Member("AppSpecification").Member("ImageUri").TryGetString(out var uri) ? uri : "(no ImageUri)";
        if (Command(arguments, context.Configuration.FindImageCommand(image), context.Configuration.Python) is not { Count: > 0 } command)
        {
            return Fail($"image '{image}' has no command to run on this machine: give AppSpecification.ContainerEntrypoint, or map the image to a local command under images: in {context.Configuration.Source ?? Configuration.ConfigurationLoader.DefaultFileName}");
        }

        List<(string LocalPath, string S3Uri)> outputs;
        List<string> hosts;
        try
        {
            outputs = Outputs(arguments);
            hosts = JobInstances.Names(JobInstances.CountOf(arguments));
            if (JobRun.Saved(context) is null)
            {
                await StageAsync(context, arguments, layout, outputs, hosts, cancellationToken);
            }
        }
        catch (Exception e) when (e is ArgumentException or IOException or NotSupportedException or InvalidDataException or System.Text.Json.JsonException)
        {
            return Fail($"ClientError: {e.Message}");
        }

        var job = new JobSpec
        {
            Command = command,
            JobDirectory = layout.JobDirectory,
            LogFile = layout.LogFile,
            Environment = JobSteps.EnvironmentOf(arguments),
            MaxRuntime = JobSteps.MaxRuntimeOf(arguments),
            Isolation = JobIsolation.For(context, arguments, command),
            InstanceType = JobSteps.InstanceTypeOf(arguments),
        };
        job = job with
        {
            OtherHosts = [.. hosts.Skip(1).Select(host => job with { JobDirectory = JobInstances.DirectoryOf(layout.JobDirectory, host), HostName = host })],
        };
        var outcome = await JobRun.RunAsync(jobs, context, job, cancellationToken);
        if (outcome.Stopped)
        {
            return new StepResult.Stopped { Metadata = metadata };
        }

        if (!outcome.Succeeded)
        {
            return Fail(outcome.Describe(job.MaxRuntime));
        }

        try
        {
            // Every instance's outputs are uploaded, as SageMaker does: algo-1's first, a later instance's file replacing an
            // earlier one's of the same name.
            foreach (var instance in job.AllHosts)
            {
                var instanceLayout = new JobLayout(instance.JobDirectory, layout.LogFile);
                foreach (var (local, target) in outputs)
                {
                    // Resolved again: the job may have replaced the folder with a link since.
                    await context.Objects.UploadDirectoryAsync(instanceLayout.HostPath(local, SandboxPaths.ProcessingRoot), target, cancellationToken);
                }
            }
        }
        catch (Exception e) when (e is ArgumentException or IOException)
        {
            return Fail($"ClientError: {e.Message}");
        }

        return new StepResult.Succeeded(Describe(context, arguments, jobName, arn, started)) { Metadata = metadata };
    }

    /// <summary>The S3 outputs: each LocalPath under /opt/ml/processing and the S3Uri it is uploaded to.</summary>
    private static List<(string LocalPath, string S3Uri)> Outputs(JsonElement arguments)
    {
        var outputs = new List<(string LocalPath, string S3Uri)>();
        foreach (var output in JobSteps.Items(arguments.Member("ProcessingOutputConfig").Member("Outputs")))
        {
            if (output.Member("S3Output") is { } s3Output && s3Output.Member("LocalPath").TryGetString(out var local) && s3Output.Member("S3Uri").TryGetString(out var target))
            {
                outputs.Add((local, target));
            }
        }

        return outputs;
    }

    /// <summary>
    /// Fills the job's folder: the inputs downloaded, an empty folder for each output, and
    /// <c>/opt/ml/config/resourceconfig.json</c> as SageMaker Processing writes it; for a job of several instances, a copy
    /// for each other instance whose resourceconfig.json names it as the current host.
    /// </summary>
    private static async Task StageAsync(
        StepRunContext context, JsonElement arguments, JobLayout layout, List<(string LocalPath, string S3Uri)> outputs, List<string> hosts, CancellationToken cancellationToken)
    {
        await PrepareInputsAsync(context, arguments, layout.JobDirectory, cancellationToken);
        foreach (var (local, _) in outputs)
        {
            Directory.CreateDirectory(layout.HostPath(local, SandboxPaths.ProcessingRoot));
        }

        foreach (var host in hosts)
        {
            var directory = JobInstances.DirectoryOf(layout.JobDirectory, host);
            if (host != JobInstances.FirstHost)
            {
                JobInstances.Replicate(layout.JobDirectory, directory);
            }

            var config = new JobLayout(directory, layout.LogFile).HostPath("/opt/ml/config");
            Directory.CreateDirectory(config);
            await File.WriteAllTextAsync(Path.Combine(config, "resourceconfig.json"), JobInstances.ResourceConfig(host, hosts, training: false), cancellationToken);
        }

        // Once every copy is made from algo-1's whole input, each instance keeps its share of a ShardedByS3Key input.
        foreach (var input in JobSteps.Items(arguments.Member("ProcessingInputs")).Select(i => i.Member("S3Input")))
        {
            if (hosts.Count > 1 && input.Member("S3DataDistributionType").TryGetString(out var distribution) && distribution == JobInstances.ShardedByS3Key
                && input.Member("LocalPath").TryGetString(out var local))
            {
                for (var index = 0; index < hosts.Count; index++)
                {
                    var instance = new JobLayout(JobInstances.DirectoryOf(layout.JobDirectory, hosts[index]), layout.LogFile);
                    JobInstances.Shard(instance.HostPath(local, SandboxPaths.ProcessingRoot), index, hosts.Count);
                }
            }
        }
    }

    /// <summary>The DescribeProcessingJob answer of a completed job.</summary>
    private static JsonElement Describe(StepRunContext context, JsonElement arguments, string jobName, string arn, DateTimeOffset started)
    {
        var ended = context.Time.GetUtcNow();
        return JobSteps.Describe(arguments, "ProcessingJobName", [
            ("ProcessingJobName", Json.Quote(jobName)),
            ("ProcessingJobArn", Json.Quote(arn)),
            ("ProcessingJobStatus", "\"Completed\""),
            ("ExitMessage", "\"\""),
            ("ProcessingStartTime", JobSteps.Seconds(started)),
            ("ProcessingEndTime", JobSteps.Seconds(ended)),
            ("CreationTime", JobSteps.Seconds(started)),
            ("LastModifiedTime", JobSteps.Seconds(ended)),
        ]);
    }

    private static async Task PrepareInputsAsync(StepRunContext context, JsonElement arguments, string jobDirectory, CancellationToken cancellationToken)
    {
        foreach (var input in JobSteps.Items(arguments.Member("ProcessingInputs")))
        {
            var name = input.Member("InputName").TryGetString(out var n) ? n : "(unnamed)";
            if (input.Member("S3Input") is not { } s3Input)
            {
                throw new NotSupportedException($"input '{name}': only S3Input inputs can be read on this machine (DatasetDefinition inputs need Athena or Redshift)");
            }

            if (!s3Input.Member("S3Uri").TryGetString(out var uri) || !s3Input.Member("LocalPath").TryGetString(out var local))
            {
                throw new ArgumentException($"input '{name}' needs S3Input.S3Uri and S3Input.LocalPath");
            }

            var target = new JobLayout(jobDirectory, string.Empty).HostPath(local, SandboxPaths.ProcessingRoot);
            switch (s3Input.Member("S3DataType").TryGetString(out var type) ? type : "S3Prefix")
            {
                case "S3Prefix":
                    await context.Objects.DownloadPrefixAsync(uri, target, cancellationToken);
                    break;
                case "ManifestFile":
                    await context.Objects.DownloadManifestAsync(uri, target, cancellationToken);
                    break;
                default:
                    throw new NotSupportedException($"input '{name}': S3DataType {type} is not supported; use S3Prefix or ManifestFile");
            }
        }
    }

    /// <summary>
    /// ContainerEntrypoint (or the image's configured command) followed by ContainerArguments. An entrypoint that starts
    /// with a bare <c>python3</c> or <c>python</c> means the image's Python, whose stand-in here is the interpreter
    /// <c>python:</c> in sluice.yaml names, so a job does not depend on whichever python3 comes first on Sluice's PATH.
    /// </summary>
    private static List<string>? Command(JsonElement arguments, IReadOnlyList<string>? imageCommand, string python)
    {
        var app = arguments.Member("AppSpecification");
        List<string>? words = app.Member("ContainerEntrypoint") is { ValueKind: JsonValueKind.Array } entrypoint
            ? [.. entrypoint.EnumerateArray().Select(Json.ToText)]
            : imageCommand is null ? null : [.. imageCommand];
        if (words is null)
        {
            return null;
        }

        if (words.Count > 0 && words[0] is "python3" or "python")
        {
            words[0] = python;
        }

        if (app.Member("ContainerArguments") is { ValueKind: JsonValueKind.Array } extra)
        {
            words.AddRange(extra.EnumerateArray().Select(Json.ToText));
        }

        return words;
    }
}
