using System.Text.Json;
using Sluice.Core.Execution;
using Sluice.Core.Steps;
using Sluice.Core.Storage;

namespace Sluice.Core.Jobs;

/// <summary>
/// Keeps the record of a job a step runs, so that clients can Describe it by name: InProgress from the moment it
/// starts, then its Describe* response when it ends (the step's properties when it completed; the request, the job's
/// identity, its status and FailureReason when it failed or stopped).
/// </summary>
internal static class JobRecorder
{
    /// <summary>Runs a job, recording it before and after.</summary>
    /// <param name="context">The step's context.</param>
    /// <param name="kind">The job's kind.</param>
    /// <param name="jobName">The job's name.</param>
    /// <param name="arn">The job's ARN.</param>
    /// <param name="run">The job itself.</param>
    /// <param name="cancellationToken">Signalled when the process shuts down (the record then stays InProgress, as the job will resume).</param>
    public static async Task<StepResult> RecordAsync(
        StepRunContext context, JobKind kind, string jobName, string arn, Func<Task<StepResult>> run, CancellationToken cancellationToken)
    {
        var members = JobMembers.Of(kind);
        var started = context.Time.GetUtcNow();
        await SaveAsync(context, kind, jobName, arn, "InProgress", Describe(context, members, jobName, arn, "InProgress", started, started, null), started, started, cancellationToken);
        var result = await run();
        var ended = context.Time.GetUtcNow();
        var (status, describe) = result switch
        {
            StepResult.Succeeded succeeded => (StatusOf(succeeded.Properties, members), succeeded.Properties.GetRawText()),
            StepResult.Failed failed => ("Failed", Describe(context, members, jobName, arn, "Failed", started, ended, failed.Reason)),
            _ => ("Stopped", Describe(context, members, jobName, arn, "Stopped", started, ended, null)),
        };
        await SaveAsync(context, kind, jobName, arn, status, describe, started, ended, cancellationToken);
        return result;
    }

    private static Task SaveAsync(
        StepRunContext context, JobKind kind, string jobName, string arn, string status, string describe, DateTimeOffset created, DateTimeOffset modified, CancellationToken cancellationToken)
    {
        var stepName = context.Step.Name.Split('/')[0]; // a tuning trial runs as "{step}/{trial}"
        return context.Jobs.SaveJobAsync(
            new JobRecord(kind, jobName, arn, status, context.Execution.Arn, stepName, context.TuningJobName, describe, created, modified),
            cancellationToken);
    }

    private static string StatusOf(JsonElement properties, JobMembers members) =>
        properties.Member(members.Status).TryGetString(out var status) ? status : "Completed";

    /// <summary>The Describe* response of a job that has not completed: the request's members, then its identity and status.</summary>
    private static string Describe(
        StepRunContext context, JobMembers members, string jobName, string arn, string status, DateTimeOffset started, DateTimeOffset modified, string? failureReason)
    {
        List<(string Name, string Json)> extra =
        [
            (members.Name, Json.Quote(jobName)),
            (members.Arn, Json.Quote(arn)),
            (members.Status, Json.Quote(status)),
            ("CreationTime", JobSteps.Seconds(started)),
            ("LastModifiedTime", JobSteps.Seconds(modified)),
        ];
        if (members.SecondaryStatus is { } secondary)
        {
            extra.Add((secondary, Json.Quote(status == "InProgress" ? "Training" : status)));
        }

        if (failureReason is not null)
        {
            extra.Add(("FailureReason", Json.Quote(failureReason)));
        }

        if (context.TuningJobArn is { } tuning)
        {
            extra.Add(("TuningJobArn", Json.Quote(tuning)));
        }

        var arguments = context.Arguments.ValueKind == JsonValueKind.Object ? context.Arguments : Json.Parse("{}");
        return JobSteps.Describe(arguments, members.Name, extra).GetRawText();
    }

    /// <summary>The member names a kind of job's Describe* response uses.</summary>
    private sealed record JobMembers(string Name, string Arn, string Status, string? SecondaryStatus)
    {
        public static JobMembers Of(JobKind kind) => kind switch
        {
            JobKind.Processing => new("ProcessingJobName", "ProcessingJobArn", "ProcessingJobStatus", null),
            JobKind.Training => new("TrainingJobName", "TrainingJobArn", "TrainingJobStatus", "SecondaryStatus"),
            JobKind.Transform => new("TransformJobName", "TransformJobArn", "TransformJobStatus", null),
            _ => new("HyperParameterTuningJobName", "HyperParameterTuningJobArn", "HyperParameterTuningJobStatus", null),
        };
    }
}
