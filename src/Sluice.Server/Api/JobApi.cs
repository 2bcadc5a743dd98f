using System.Text.Json;
using Sluice.Core.Storage;
using static Sluice.Server.Api.Responses;

namespace Sluice.Server.Api;

/// <summary>
/// The jobs pipeline steps ran, read back as clients read SageMaker's after an execution: DescribeProcessingJob,
/// DescribeTrainingJob (a Training step's job or a tuning trial), DescribeTransformJob, DescribeHyperParameterTuningJob
/// and ListTrainingJobsForHyperParameterTuningJob. A job is described from the moment its step starts it (InProgress).
/// </summary>
/// <param name="store">Where the engine records its jobs.</param>
public sealed class JobApi(IJobStore store)
{
    /// <summary>The operations by name, as <c>X-Amz-Target: SageMaker.&lt;name&gt;</c> gives them.</summary>
    public IReadOnlyDictionary<string, Func<ApiRequest, CancellationToken, Task<string>>> Operations => new Dictionary<string, Func<ApiRequest, CancellationToken, Task<string>>>(StringComparer.Ordinal)
    {
        ["DescribeProcessingJob"] = (request, cancellationToken) => DescribeAsync(request, JobKind.Processing, "ProcessingJobName", cancellationToken),
        ["DescribeTrainingJob"] = (request, cancellationToken) => DescribeAsync(request, JobKind.Training, "TrainingJobName", cancellationToken),
        ["DescribeTransformJob"] = (request, cancellationToken) => DescribeAsync(request, JobKind.Transform, "TransformJobName", cancellationToken),
        ["DescribeHyperParameterTuningJob"] = (request, cancellationToken) => DescribeAsync(request, JobKind.HyperParameterTuning, "HyperParameterTuningJobName", cancellationToken),
        ["ListTrainingJobsForHyperParameterTuningJob"] = ListTrialsAsync,
    };

    private async Task<string> DescribeAsync(ApiRequest request, JobKind kind, string member, CancellationToken cancellationToken)
    {
        var name = request.Required(member, 63);
        var job = await store.GetJobAsync(kind, name, cancellationToken) ?? throw NotFound(kind, name);
        return job.DescribeJson;
    }

    private async Task<string> ListTrialsAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var name = request.Required("HyperParameterTuningJobName", 32);
        var tuning = await store.GetJobAsync(JobKind.HyperParameterTuning, name, cancellationToken) ?? throw NotFound(JobKind.HyperParameterTuning, name);
        var objective = TuningObjective.Of(tuning.DescribeJson);
        var trials = (await store.ListTrialJobsAsync(name, cancellationToken))
            .Select(job => TrialSummary.Of(job, name, objective))
            .ToList();
        if (request.Optional("StatusEquals") is { } status)
        {
            trials = [.. trials.Where(t => t.Status == status)];
        }

        var descending = request.Optional("SortOrder") == "Descending";
        var sorted = (request.Optional("SortBy") switch
        {
            "CreationTime" => trials.OrderBy(t => t.Job.CreationTime),
            "Status" => trials.OrderBy(t => t.Status, StringComparer.Ordinal),
            "FinalObjectiveMetricValue" => trials.OrderBy(t => t.Objective),
            _ => trials.OrderBy(t => t.Job.Name, StringComparer.Ordinal),
        }).ToList();
        if (descending)
        {
            sorted.Reverse();
        }

        return Page(request, sorted, "TrainingJobSummaries", (w, t) => t.Write(w), defaultSize: 10);
    }

    /// <summary>The error SageMaker answers for a job it does not know.</summary>
    private static ApiException NotFound(JobKind kind, string name) => kind switch
    {
        JobKind.Training => ApiException.Validation("Requested resource not found."),
        JobKind.HyperParameterTuning => new ApiException("ResourceNotFound", $"Amazon SageMaker can't find a tuning job with name {name}"),
        _ => ApiException.Validation($"Could not find requested job with name {name}"),
    };
}
