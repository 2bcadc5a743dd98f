using Sluice.Client.SageMaker;
using Sluice.Client.SageMaker.Jobs;
using Sluice.Core.Storage;

namespace Sluice.Server.Api;

/// <summary>
/// The jobs pipeline steps ran, read back as clients read SageMaker's after an execution: DescribeProcessingJob,
/// DescribeTrainingJob (a Training step's job or a tuning trial), DescribeTransformJob, DescribeHyperParameterTuningJob
/// and ListTrainingJobsForHyperParameterTuningJob. A job is described from the moment its step starts it (InProgress);
/// the Describe answers are the documents the engine recorded.
/// </summary>
/// <param name="store">Where the engine records its jobs.</param>
public sealed class JobApi(IJobStore store)
{
    private static SageMakerJsonContext Wire => SageMakerJsonContext.Default;

    /// <summary>The operations by name, as <c>X-Amz-Target: SageMaker.&lt;name&gt;</c> gives them.</summary>
    public IReadOnlyDictionary<string, Func<ApiRequest, CancellationToken, Task<string>>> Operations => new Dictionary<string, Func<ApiRequest, CancellationToken, Task<string>>>(StringComparer.Ordinal)
    {
        ["DescribeProcessingJob"] = Operation.Stored(Wire.DescribeProcessingJobRequest, (r, ct) => DescribeAsync(JobKind.Processing, r.ProcessingJobName, ct)),
        ["DescribeTrainingJob"] = Operation.Stored(Wire.DescribeTrainingJobRequest, (r, ct) => DescribeAsync(JobKind.Training, r.TrainingJobName, ct)),
        ["DescribeTransformJob"] = Operation.Stored(Wire.DescribeTransformJobRequest, (r, ct) => DescribeAsync(JobKind.Transform, r.TransformJobName, ct)),
        ["DescribeHyperParameterTuningJob"] = Operation.Stored(Wire.DescribeHyperParameterTuningJobRequest, (r, ct) => DescribeAsync(JobKind.HyperParameterTuning, r.HyperParameterTuningJobName, ct)),
        ["ListTrainingJobsForHyperParameterTuningJob"] = Operation.Of(Wire.ListTrainingJobsForHyperParameterTuningJobRequest, Wire.ListTrainingJobsForHyperParameterTuningJobResponse, ListTrialsAsync),
    };

    private async Task<string> DescribeAsync(JobKind kind, string name, CancellationToken cancellationToken)
    {
        var job = await store.GetJobAsync(kind, name, cancellationToken) ?? throw NotFound(kind, name);
        return job.DescribeJson;
    }

    /// <summary>
    /// A tuning job's trials: StatusEquals filters; SortBy Name (default), CreationTime, Status or
    /// FinalObjectiveMetricValue; SortOrder Ascending (default) or Descending; MaxResults 1 to 100, default 10.
    /// </summary>
    private async Task<ListTrainingJobsForHyperParameterTuningJobResponse> ListTrialsAsync(ListTrainingJobsForHyperParameterTuningJobRequest request, CancellationToken cancellationToken)
    {
        var name = request.HyperParameterTuningJobName;
        var tuning = await store.GetJobAsync(JobKind.HyperParameterTuning, name, cancellationToken) ?? throw NotFound(JobKind.HyperParameterTuning, name);
        var objective = TuningObjective.Of(tuning.DescribeJson);
        var trials = (await store.ListTrialJobsAsync(name, cancellationToken))
            .Select(job => TrialSummary.Of(job, name, objective))
            .Where(t => request.StatusEquals is not { } status || t.Status == status)
            .ToList();
        var sorted = (request.SortBy switch
        {
            "CreationTime" => trials.OrderBy(t => t.Job.CreationTime),
            "Status" => trials.OrderBy(t => t.Status, StringComparer.Ordinal),
            "FinalObjectiveMetricValue" => trials.OrderBy(t => t.Objective),
            _ => trials.OrderBy(t => t.Job.Name, StringComparer.Ordinal),
        }).ToList();
        if (request.SortOrder == "Descending")
        {
            sorted.Reverse();
        }

        var (page, next) = Paging.Page(sorted, request.MaxResults, request.NextToken, defaultSize: 10);
        return new ListTrainingJobsForHyperParameterTuningJobResponse { TrainingJobSummaries = [.. page.Select(t => t.ToWire())], NextToken = next };
    }

    /// <summary>The error SageMaker answers for a job it does not know.</summary>
    private static ApiException NotFound(JobKind kind, string name) => kind switch
    {
        JobKind.Training => ApiException.Validation("Requested resource not found."),
        JobKind.HyperParameterTuning => new ApiException("ResourceNotFound", $"Amazon SageMaker can't find a tuning job with name {name}"),
        _ => ApiException.Validation($"Could not find requested job with name {name}"),
    };
}
