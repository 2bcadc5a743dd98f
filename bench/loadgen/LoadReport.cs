using System.Text.Json.Serialization;

namespace Sluice.Bench.LoadGen;

/// <summary>The figures of one run's measured window, printed as one JSON object.</summary>
/// <param name="OfferedRate">Requests per second the schedule asked for.</param>
/// <param name="AchievedRate">Answered requests per second of the measured window.</param>
/// <param name="Requests">Requests due in the measured window.</param>
/// <param name="Answered">Of them, answered (any status).</param>
/// <param name="NotSuccessful">Answered with a status outside 2xx.</param>
/// <param name="Failures">Failed (connection error, timeout).</param>
/// <param name="NotSent">Still behind the schedule when the grace period ended.</param>
/// <param name="Connects">Connections opened in the whole run.</param>
/// <param name="FirstFailure">The first failure's reason, if any.</param>
/// <param name="LatencyMs">Percentiles of the latency from each request's due time, answered and unsent.</param>
/// <param name="ServiceMs">Percentiles of the time from the actual send, answered requests only.</param>
internal sealed record LoadReport(
    double OfferedRate,
    double AchievedRate,
    int Requests,
    int Answered,
    int NotSuccessful,
    int Failures,
    int NotSent,
    int Connects,
    string? FirstFailure,
    Percentiles LatencyMs,
    Percentiles ServiceMs)
{
    /// <summary>Adds up the connections' outcomes.</summary>
    public static LoadReport From(LoadPlan plan, IReadOnlyList<WorkerOutcome> outcomes)
    {
        var latencies = outcomes.SelectMany(outcome => outcome.Latencies).ToArray();
        var serviceTimes = outcomes.SelectMany(outcome => outcome.ServiceTimes).ToArray();
        var failures = outcomes.Sum(outcome => outcome.Failures);
        var answered = serviceTimes.Length;
        return new LoadReport(
            plan.Rate,
            answered / plan.Duration.TotalSeconds,
            latencies.Length + failures,
            answered,
            outcomes.Sum(outcome => outcome.NotSuccessful),
            failures,
            outcomes.Sum(outcome => outcome.NotSent),
            outcomes.Sum(outcome => outcome.Connects),
            outcomes.Select(outcome => outcome.FirstFailure).FirstOrDefault(reason => reason is not null),
            Percentiles.Of(latencies),
            Percentiles.Of(serviceTimes));
    }
}

/// <summary>Percentiles (nearest rank) of a set of durations, in milliseconds; all zero for an empty set.</summary>
internal sealed record Percentiles(double P50, double P90, double P99, double P999, double Max, double Mean)
{
    /// <summary>The percentiles of <paramref name="nanoseconds"/> (sorted in place).</summary>
    public static Percentiles Of(long[] nanoseconds)
    {
        if (nanoseconds.Length == 0)
        {
            return new Percentiles(0, 0, 0, 0, 0, 0);
        }

        Array.Sort(nanoseconds);
        return new Percentiles(
            Rank(nanoseconds, 0.50),
            Rank(nanoseconds, 0.90),
            Rank(nanoseconds, 0.99),
            Rank(nanoseconds, 0.999),
            Milliseconds(nanoseconds[^1]),
            nanoseconds.Average() / 1e6);
    }

    private static double Rank(long[] sorted, double fraction) =>
        Milliseconds(sorted[Math.Max(0, (int)Math.Ceiling(fraction * sorted.Length) - 1)]);

    private static double Milliseconds(long nanoseconds) => nanoseconds / 1e6;
}

/// <summary>Source-generated JSON for the report (camelCase, as the bench's Python reads it).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(LoadReport))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
