using System.Text.Json;
using Sluice.Client.SageMaker.Jobs;
using Sluice.Core.Storage;
using Sluice.Definitions.Json;

namespace Sluice.Server.Api;

/// <summary>A tuning job's objective and the names of the hyperparameters it tunes, read from its Describe response.</summary>
/// <param name="Type">Minimize or Maximize.</param>
/// <param name="MetricName">The objective metric.</param>
/// <param name="Tuned">The names of the tuned hyperparameters (its ParameterRanges).</param>
internal sealed record TuningObjective(string? Type, string? MetricName, IReadOnlySet<string> Tuned)
{
    private static readonly string[] RangeKinds = ["IntegerParameterRanges", "ContinuousParameterRanges", "CategoricalParameterRanges"];

    public static TuningObjective Of(string describeJson)
    {
        using var document = JsonDocument.Parse(describeJson);
        var config = Member(document.RootElement, "HyperParameterTuningJobConfig");
        var objective = config is { } c ? Member(c, "HyperParameterTuningJobObjective") : null;
        var tuned = new HashSet<string>(StringComparer.Ordinal);
        if (config is { } cfg && Member(cfg, "ParameterRanges") is { } ranges)
        {
            foreach (var kind in RangeKinds)
            {
                if (Member(ranges, kind) is { ValueKind: JsonValueKind.Array } list)
                {
                    foreach (var range in list.EnumerateArray())
                    {
                        if (Member(range, "Name") is { ValueKind: JsonValueKind.String } name)
                        {
                            tuned.Add(name.GetString()!);
                        }
                    }
                }
            }
        }

        return new TuningObjective(
            objective is { } o && Member(o, "Type") is { ValueKind: JsonValueKind.String } type ? type.GetString() : null,
            objective is { } m && Member(m, "MetricName") is { ValueKind: JsonValueKind.String } metric ? metric.GetString() : null,
            tuned);
    }

    public static JsonElement? Member(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : null;
}

/// <summary>One trial of a tuning job as ListTrainingJobsForHyperParameterTuningJob lists it (a HyperParameterTrainingJobSummary).</summary>
/// <param name="Job">The trial's training job.</param>
/// <param name="TuningJobName">The tuning job's name.</param>
/// <param name="Status">TrainingJobStatus.</param>
/// <param name="Objective">The objective metric's final value, when the trial reported it.</param>
/// <param name="Describe">The trial's DescribeTrainingJob response.</param>
/// <param name="Tuning">The tuning job's objective and tuned hyperparameters.</param>
internal sealed record TrialSummary(JobRecord Job, string TuningJobName, string Status, double? Objective, JsonElement Describe, TuningObjective Tuning)
{
    public static TrialSummary Of(JobRecord job, string tuningJobName, TuningObjective tuning)
    {
        using var document = JsonDocument.Parse(job.DescribeJson);
        var describe = document.RootElement.Clone();
        double? objective = null;
        if (TuningObjective.Member(describe, "FinalMetricDataList") is { ValueKind: JsonValueKind.Array } metrics)
        {
            foreach (var metric in metrics.EnumerateArray())
            {
                if (TuningObjective.Member(metric, "MetricName") is { ValueKind: JsonValueKind.String } name && name.GetString() == tuning.MetricName
                    && TuningObjective.Member(metric, "Value") is { ValueKind: JsonValueKind.Number } value)
                {
                    objective = value.GetDouble();
                }
            }
        }

        return new TrialSummary(job, tuningJobName, job.Status, objective, describe, tuning);
    }

    /// <summary>The trial as the wire's HyperParameterTrainingJobSummary.</summary>
    public HyperParameterTrainingJobSummary ToWire() => new()
    {
        TrainingJobName = Job.Name,
        TrainingJobArn = Job.Arn,
        TuningJobName = TuningJobName,
        CreationTime = Job.CreationTime,
        TrainingStartTime = Time("TrainingStartTime"),
        TrainingEndTime = Time("TrainingEndTime"),
        TrainingJobStatus = Status,
        TunedHyperParameters = TuningObjective.Member(Describe, "HyperParameters") is { ValueKind: JsonValueKind.Object } hyperparameters
            ? hyperparameters.EnumerateObject()
                .Where(p => Tuning.Tuned.Contains(p.Name))
                .ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText(), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal),
        FailureReason = TuningObjective.Member(Describe, "FailureReason") is { ValueKind: JsonValueKind.String } reason ? reason.GetString() : null,
        FinalHyperParameterTuningJobObjectiveMetric = Objective is { } value && Tuning.MetricName is { } metric
            ? new FinalHyperParameterTuningJobObjectiveMetric { Type = Tuning.Type, MetricName = metric, Value = value }
            : null,
        ObjectiveStatus = Status == "InProgress" ? "Pending" : Objective is null ? "Failed" : "Succeeded",
    };

    /// <summary>A time member of the trial's Describe answer (epoch seconds), when there.</summary>
    private DateTimeOffset? Time(string name) =>
        TuningObjective.Member(Describe, name) is { ValueKind: JsonValueKind.Number } seconds && seconds.TryGetDecimal(out var exact)
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)decimal.Round(exact * 1000m))
            : null;
}
