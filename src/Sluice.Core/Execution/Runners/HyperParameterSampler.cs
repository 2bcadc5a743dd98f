using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Sluice.Definitions;
using Sluice.Core.Jobs;

namespace Sluice.Core.Steps;

/// <summary>The scale a numeric range is searched on (<c>ScalingType</c>; <c>Auto</c> is read as <see cref="Linear"/>).</summary>
internal enum RangeScaling
{
    /// <summary>Uniform over the range.</summary>
    Linear,

    /// <summary>Uniform over the logarithm of the value; the range must be above 0.</summary>
    Logarithmic,

    /// <summary>Uniform over the logarithm of 1 − value, for values close to 1; the range must be in [0, 1).</summary>
    ReverseLogarithmic,
}

/// <summary>One hyperparameter a tuning job searches.</summary>
/// <param name="Name">The hyperparameter's name.</param>
internal abstract record HyperParameterRange(string Name);

/// <summary>An <c>IntegerParameterRanges</c> item: whole numbers from <paramref name="Min"/> to <paramref name="Max"/>, both included.</summary>
internal sealed record IntegerRange(string Name, long Min, long Max, RangeScaling Scaling) : HyperParameterRange(Name);

/// <summary>A <c>ContinuousParameterRanges</c> item: real numbers from <paramref name="Min"/> to <paramref name="Max"/>.</summary>
internal sealed record ContinuousRange(string Name, double Min, double Max, RangeScaling Scaling) : HyperParameterRange(Name);

/// <summary>A <c>CategoricalParameterRanges</c> item: one of <paramref name="Values"/>, each passed on as written.</summary>
internal sealed record CategoricalRange(string Name, IReadOnlyList<string> Values) : HyperParameterRange(Name);

/// <summary>
/// Reads a tuning job's <c>ParameterRanges</c> and picks hyperparameter values from them, as SageMaker passes them to
/// training jobs: plain strings (<c>"7"</c>, <c>"0.125"</c>, categorical values exactly as written).
/// </summary>
internal static class HyperParameterSampler
{
    /// <summary>Reads <c>ParameterRanges</c>: Integer, then Continuous, then Categorical ranges, each in the order written.</summary>
    /// <param name="parameterRanges">The <c>ParameterRanges</c> object; absent means no ranges.</param>
    /// <returns>The ranges.</returns>
    /// <exception cref="ArgumentException">When a range is malformed or its scaling does not fit its bounds.</exception>
    /// <exception cref="NotSupportedException">For Autotune's <c>AutoParameters</c>.</exception>
    public static IReadOnlyList<HyperParameterRange> Read(JsonElement? parameterRanges)
    {
        if (JobSteps.Items(parameterRanges.Member("AutoParameters")).Count > 0)
        {
            throw new NotSupportedException("ParameterRanges.AutoParameters (Autotune) cannot be chosen on this machine: give explicit ranges");
        }

        var ranges = new List<HyperParameterRange>();
        foreach (var item in JobSteps.Items(parameterRanges.Member("IntegerParameterRanges")))
        {
            var name = NameOf(item, "IntegerParameterRanges");
            var range = new IntegerRange(name, Bound<long>(item, name, "MinValue"), Bound<long>(item, name, "MaxValue"), ScalingOf(item, name));
            Check(range.Min <= range.Max, name, $"MinValue {range.Min} is above MaxValue {range.Max}");
            Check(range.Scaling != RangeScaling.Logarithmic || range.Min > 0, name, "Logarithmic scaling needs a range above 0");
            Check(range.Scaling != RangeScaling.ReverseLogarithmic, name, "ReverseLogarithmic scaling is for continuous ranges only");
            ranges.Add(range);
        }

        foreach (var item in JobSteps.Items(parameterRanges.Member("ContinuousParameterRanges")))
        {
            var name = NameOf(item, "ContinuousParameterRanges");
            var range = new ContinuousRange(name, Bound<double>(item, name, "MinValue"), Bound<double>(item, name, "MaxValue"), ScalingOf(item, name));
            Check(double.IsFinite(range.Min) && double.IsFinite(range.Max), name, "MinValue and MaxValue must be finite");
            Check(range.Min <= range.Max, name, $"MinValue {range.Min} is above MaxValue {range.Max}");
            Check(range.Scaling != RangeScaling.Logarithmic || range.Min > 0, name, "Logarithmic scaling needs a range above 0");
            Check(range.Scaling != RangeScaling.ReverseLogarithmic || (range.Min >= 0 && range.Max < 1), name, "ReverseLogarithmic scaling needs a range within [0, 1)");
            ranges.Add(range);
        }

        foreach (var item in JobSteps.Items(parameterRanges.Member("CategoricalParameterRanges")))
        {
            var name = NameOf(item, "CategoricalParameterRanges");
            var values = JobSteps.Items(item.Member("Values")).Select(Json.ToText).ToList();
            Check(values.Count > 0, name, "Values is empty");
            ranges.Add(new CategoricalRange(name, values));
        }

        if (ranges.GroupBy(r => r.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"hyperparameter '{twice.Key}' has more than one range");
        }

        return ranges;
    }

    /// <summary>Picks one value from every range, uniformly on the range's scale.</summary>
    /// <param name="ranges">The ranges.</param>
    /// <param name="random">The source of randomness; seed it to pick the same values again.</param>
    /// <returns>The values by hyperparameter name, in the ranges' order.</returns>
    public static OrderedDictionary<string, string> Sample(IReadOnlyList<HyperParameterRange> ranges, Random random)
    {
        var values = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var range in ranges)
        {
            values[range.Name] = range switch
            {
                IntegerRange r => Format(SampleInteger(r, random)),
                ContinuousRange r => Format(SampleContinuous(r, random)),
                CategoricalRange r => r.Values[random.Next(r.Values.Count)],
                _ => throw new ArgumentException($"unknown range type {range.GetType().Name}"),
            };
        }

        return values;
    }

    /// <summary>The number of points of the grid over the ranges, saturating at <see cref="long.MaxValue"/>.</summary>
    /// <param name="ranges">The ranges.</param>
    /// <returns>The product of the ranges' sizes; 1 for no ranges.</returns>
    /// <exception cref="ArgumentException">When a range is continuous.</exception>
    public static long GridSize(IReadOnlyList<HyperParameterRange> ranges)
    {
        var size = 1L;
        foreach (var range in ranges)
        {
            var count = GridCount(range);
            size = size > long.MaxValue / count ? long.MaxValue : size * count;
        }

        return size;
    }

    /// <summary>
    /// Every combination of the ranges' values (categorical values, and integers stepped by 1), the last range varying
    /// fastest; enumerate lazily and take what is needed.
    /// </summary>
    /// <param name="ranges">The ranges.</param>
    /// <returns>The grid's points, each a set of values by hyperparameter name.</returns>
    /// <exception cref="ArgumentException">When a range is continuous (on enumeration).</exception>
    public static IEnumerable<OrderedDictionary<string, string>> Grid(IReadOnlyList<HyperParameterRange> ranges)
    {
        var counts = ranges.Select(GridCount).ToArray();
        var position = new long[ranges.Count];
        while (true)
        {
            var point = new OrderedDictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < ranges.Count; i++)
            {
                point[ranges[i].Name] = ranges[i] switch
                {
                    IntegerRange r => Format(r.Min + position[i]),
                    CategoricalRange r => r.Values[(int)position[i]],
                    _ => throw new ArgumentException($"unknown range type {ranges[i].GetType().Name}"),
                };
            }

            yield return point;
            var next = ranges.Count - 1;
            while (next >= 0 && ++position[next] == counts[next])
            {
                position[next--] = 0;
            }

            if (next < 0)
            {
                yield break;
            }
        }
    }

    /// <summary>An integer as SageMaker passes it.</summary>
    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A real number as SageMaker passes it: Python's shortest round-trip text (<c>0.125</c>, <c>1e-05</c>).</summary>
    public static string Format(double value) => DefinitionWriter.PythonFloat(value);

    private static long SampleInteger(IntegerRange range, Random random)
    {
        if (range.Scaling == RangeScaling.Logarithmic)
        {
            // Uniform over log [Min, Max + 1), floored: each integer k gets the log-width of [k, k + 1).
            var picked = (long)Math.Floor(Math.Exp(Uniform(Math.Log(range.Min), Math.Log(range.Max + 1.0), random)));
            return Math.Clamp(picked, range.Min, range.Max);
        }

        return range.Min + random.NextInt64(range.Max - range.Min + 1);
    }

    private static double SampleContinuous(ContinuousRange range, Random random)
    {
        var picked = range.Scaling switch
        {
            RangeScaling.Logarithmic => Math.Exp(Uniform(Math.Log(range.Min), Math.Log(range.Max), random)),
            RangeScaling.ReverseLogarithmic => 1 - Math.Exp(Uniform(Math.Log(1 - range.Max), Math.Log(1 - range.Min), random)),
            _ => Uniform(range.Min, range.Max, random),
        };
        return Math.Clamp(picked, range.Min, range.Max);
    }

    private static double Uniform(double from, double to, Random random) => from + (random.NextDouble() * (to - from));

    private static long GridCount(HyperParameterRange range) => range switch
    {
        IntegerRange r => r.Max - r.Min + 1,
        CategoricalRange r => r.Values.Count,
        _ => throw new ArgumentException($"Grid search cannot enumerate the continuous range '{range.Name}': use a Categorical or Integer range, or another strategy"),
    };

    private static string NameOf(JsonElement item, string kind) =>
        item.Member("Name").TryGetString(out var name) && name.Length > 0 ? name : throw new ArgumentException($"every item of {kind} needs a Name");

    private static T Bound<T>(JsonElement item, string name, string member)
        where T : INumber<T>
    {
        var value = item.Member(member);
        var text = value is { ValueKind: JsonValueKind.String or JsonValueKind.Number } v ? Json.ToText(v) : null;
        return text is not null && T.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new ArgumentException($"range '{name}': {member} must be a number, not {value.Show()}");
    }

    private static RangeScaling ScalingOf(JsonElement item, string name) =>
        (item.Member("ScalingType").TryGetString(out var scaling) ? scaling : "Auto") switch
        {
            "Auto" or "Linear" => RangeScaling.Linear,
            "Logarithmic" => RangeScaling.Logarithmic,
            "ReverseLogarithmic" => RangeScaling.ReverseLogarithmic,
            var other => throw new ArgumentException($"range '{name}': ScalingType '{other}' is not Auto, Linear, Logarithmic or ReverseLogarithmic"),
        };

    private static void Check(bool condition, string name, string problem)
    {
        if (!condition)
        {
            throw new ArgumentException($"range '{name}': {problem}");
        }
    }
}
