using System.Text.Json;
using Sluice.Core.Api;
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

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("TrainingJobName", Job.Name);
        writer.WriteString("TrainingJobArn", Job.Arn);
        writer.WriteString("TuningJobName", TuningJobName);
        ApiShapes.WriteTime(writer, "CreationTime", Job.CreationTime);
        Copy(writer, "TrainingStartTime");
        Copy(writer, "TrainingEndTime");
        writer.WriteString("TrainingJobStatus", Status);
        writer.WriteStartObject("TunedHyperParameters");
        if (TuningObjective.Member(Describe, "HyperParameters") is { ValueKind: JsonValueKind.Object } hyperparameters)
        {
            foreach (var parameter in hyperparameters.EnumerateObject().Where(p => Tuning.Tuned.Contains(p.Name)))
            {
                parameter.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
        Copy(writer, "FailureReason");
        if (Objective is { } value && Tuning.MetricName is { } metric)
        {
            writer.WriteStartObject("FinalHyperParameterTuningJobObjectiveMetric");
            if (Tuning.Type is { } type)
            {
                writer.WriteString("Type", type);
            }

            writer.WriteString("MetricName", metric);
            writer.WriteNumber("Value", value);
            writer.WriteEndObject();
        }

        writer.WriteString("ObjectiveStatus", Status == "InProgress" ? "Pending" : Objective is null ? "Failed" : "Succeeded");
        writer.WriteEndObject();
    }

    private void Copy(Utf8JsonWriter writer, string name)
    {
        if (TuningObjective.Member(Describe, name) is { } value)
        {
            writer.WritePropertyName(name);
            value.WriteTo(writer);
        }
    }
}
