using System.Globalization;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Sluice.Core.Steps;

namespace Sluice.Core.Tests.Execution;

/// <summary>The tuning job's sampler: ranges read as the SDK writes them, values in range on their scale, grids.</summary>
public sealed class HyperParameterSamplerTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    [Fact]
    public void Sample_RandomNumericRanges_StayWithinTheirBounds()
    {
        Check.One(Runs, Prop.ForAll(NumericRanges().ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (range, seed) =>
        {
            var random = new Random(seed);
            return Enumerable.Range(0, 20).All(_ => InBounds(range, HyperParameterSampler.Sample([range], random)[range.Name]));
        }));
    }

    [Fact]
    public void Sample_CategoricalRange_PicksOneOfItsValuesAsWritten()
    {
        var range = new CategoricalRange("kind", ["gini", "\"entropy\"", "log_loss"]);
        var random = new Random(3);

        var picked = Enumerable.Range(0, 300).Select(_ => HyperParameterSampler.Sample([range], random)["kind"]).ToHashSet();

        picked.ShouldBe(range.Values, ignoreOrder: true);
    }

    [Fact]
    public void Sample_SameSeed_PicksTheSameValues()
    {
        IReadOnlyList<HyperParameterRange> ranges = [new IntegerRange("x", 1, 1000, RangeScaling.Linear), new ContinuousRange("rate", 0, 1, RangeScaling.Linear)];

        var first = Draw(ranges, seed: 11, count: 10);
        var second = Draw(ranges, seed: 11, count: 10);

        second.ShouldBe(first);
        Draw(ranges, seed: 12, count: 10).ShouldNotBe(first);
    }

    [Fact]
    public void Sample_LogarithmicContinuousRange_SpreadsEvenlyOverOrdersOfMagnitude()
    {
        var log = Values(new ContinuousRange("rate", 1e-5, 1, RangeScaling.Logarithmic));
        var linear = Values(new ContinuousRange("rate", 1e-5, 1, RangeScaling.Linear));

        foreach (var decade in Enumerable.Range(-5, 5))
        {
            var share = log.Count(v => v >= Math.Pow(10, decade) && v < Math.Pow(10, decade + 1)) / (double)log.Count;
            share.ShouldBeInRange(0.15, 0.25, $"decade 1e{decade}");
        }

        (linear.Count(v => v < 0.01) / (double)linear.Count).ShouldBeLessThan(0.03);
    }

    [Fact]
    public void Sample_LogarithmicIntegerRange_FavoursSmallValues()
    {
        var log = Values(new IntegerRange("trees", 1, 1000, RangeScaling.Logarithmic));
        var linear = Values(new IntegerRange("trees", 1, 1000, RangeScaling.Linear));

        (log.Count(v => v <= 10) / (double)log.Count).ShouldBeInRange(0.30, 0.40, "log(11) / log(1001) of the draws");
        (linear.Count(v => v <= 10) / (double)linear.Count).ShouldBeLessThan(0.03);
        log.ShouldAllBe(v => v == Math.Floor(v));
        log.Max().ShouldBeGreaterThan(500);
    }

    [Fact]
    public void Sample_ReverseLogarithmicRange_CrowdsTowardsOne()
    {
        var values = Values(new ContinuousRange("momentum", 0.9, 0.999, RangeScaling.ReverseLogarithmic));

        (values.Count(v => v >= 0.99) / (double)values.Count).ShouldBeInRange(0.42, 0.58, "1 - x is log-uniform over [0.001, 0.1]");
        values.ShouldAllBe(v => v >= 0.9 && v <= 0.999);
    }

    [Fact]
    public void Grid_RandomIntegerAndCategoricalRanges_EnumeratesTheWholeProductOnce()
    {
        var ranges = Gen.ListOf(GridRanges()).Select(list => (IReadOnlyList<HyperParameterRange>)[.. list.Take(4).Select((r, i) => Rename(r, $"p{i}"))]);
        Check.One(Runs, Prop.ForAll(ranges.ToArbitrary(), list =>
        {
            var points = HyperParameterSampler.Grid(list).ToList();
            var expected = list.Aggregate(1L, (size, r) => size * (r is IntegerRange i ? i.Max - i.Min + 1 : ((CategoricalRange)r).Values.Count));
            return HyperParameterSampler.GridSize(list) == expected
                && points.Count == expected
                && points.Select(p => string.Join("|", p.Values)).Distinct().Count() == points.Count
                && points.All(p => list.All(r => InBounds(r, p[r.Name])));
        }));
    }

    [Fact]
    public void Grid_TwoRanges_VariesTheLastFastest()
    {
        IReadOnlyList<HyperParameterRange> ranges = [new IntegerRange("x", 1, 2, RangeScaling.Logarithmic), new CategoricalRange("kind", ["a", "b"])];

        var points = HyperParameterSampler.Grid(ranges).Select(p => $"{p["x"]},{p["kind"]}");

        points.ShouldBe(["1,a", "1,b", "2,a", "2,b"]);
    }

    [Fact]
    public void GridSize_HugeRanges_Saturates()
    {
        IReadOnlyList<HyperParameterRange> ranges = [new IntegerRange("a", 0, 1L << 40, RangeScaling.Linear), new IntegerRange("b", 0, 1L << 40, RangeScaling.Linear)];

        HyperParameterSampler.GridSize(ranges).ShouldBe(long.MaxValue);
        HyperParameterSampler.Grid(ranges).Take(3).Count().ShouldBe(3);
    }

    [Fact]
    public void GridSize_ContinuousRange_IsRejected()
    {
        var error = Should.Throw<ArgumentException>(() => HyperParameterSampler.GridSize([new ContinuousRange("rate", 0, 1, RangeScaling.Linear)]));

        error.Message.ShouldStartWith("Grid search cannot enumerate the continuous range 'rate'");
    }

    [Fact]
    public void Read_SdkShapes_ReadsEveryKindOfRange()
    {
        var ranges = HyperParameterSampler.Read(Parse("""
            {"ContinuousParameterRanges": [{"Name": "rate", "MinValue": "0.001", "MaxValue": "0.1", "ScalingType": "Logarithmic"}],
             "CategoricalParameterRanges": [{"Name": "kind", "Values": ["\"a\"", "\"b\""]}],
             "IntegerParameterRanges": [{"Name": "depth", "MinValue": 2, "MaxValue": "8", "ScalingType": "Auto"}]}
            """));

        ranges.Count.ShouldBe(3);
        ranges[0].ShouldBe(new IntegerRange("depth", 2, 8, RangeScaling.Linear));
        ranges[1].ShouldBe(new ContinuousRange("rate", 0.001, 0.1, RangeScaling.Logarithmic));
        var kind = ranges[2].ShouldBeOfType<CategoricalRange>();
        kind.Name.ShouldBe("kind");
        kind.Values.ShouldBe(["\"a\"", "\"b\""]);
    }

    [Theory]
    [InlineData("""{"IntegerParameterRanges": [{"Name": "x", "MinValue": "5", "MaxValue": "1"}]}""", "range 'x': MinValue 5 is above MaxValue 1")]
    [InlineData("""{"IntegerParameterRanges": [{"Name": "x", "MinValue": "1.5", "MaxValue": "3"}]}""", "range 'x': MinValue must be a number, not \"1.5\"")]
    [InlineData("""{"ContinuousParameterRanges": [{"Name": "r", "MinValue": "0", "MaxValue": "1", "ScalingType": "Logarithmic"}]}""", "range 'r': Logarithmic scaling needs a range above 0")]
    [InlineData("""{"ContinuousParameterRanges": [{"Name": "r", "MinValue": "0.5", "MaxValue": "1", "ScalingType": "ReverseLogarithmic"}]}""", "range 'r': ReverseLogarithmic scaling needs a range within [0, 1)")]
    [InlineData("""{"IntegerParameterRanges": [{"Name": "x", "MinValue": "1", "MaxValue": "3", "ScalingType": "ReverseLogarithmic"}]}""", "range 'x': ReverseLogarithmic scaling is for continuous ranges only")]
    [InlineData("""{"ContinuousParameterRanges": [{"Name": "r", "MinValue": "0", "MaxValue": "1", "ScalingType": "Exponential"}]}""", "range 'r': ScalingType 'Exponential' is not Auto, Linear, Logarithmic or ReverseLogarithmic")]
    [InlineData("""{"CategoricalParameterRanges": [{"Name": "k", "Values": []}]}""", "range 'k': Values is empty")]
    [InlineData("""{"IntegerParameterRanges": [{"Name": "x", "MinValue": "1", "MaxValue": "3"}], "CategoricalParameterRanges": [{"Name": "x", "Values": ["a"]}]}""", "hyperparameter 'x' has more than one range")]
    public void Read_MalformedRange_SaysWhatIsWrong(string json, string message)
    {
        Should.Throw<ArgumentException>(() => HyperParameterSampler.Read(Parse(json))).Message.ShouldBe(message);
    }

    [Fact]
    public void Read_AutoParameters_AreNotSupported()
    {
        Should.Throw<NotSupportedException>(() => HyperParameterSampler.Read(Parse("""{"AutoParameters": [{"Name": "x", "ValueHint": "1"}]}""")));
    }

    [Theory]
    [InlineData(0.125, "0.125")]
    [InlineData(1e-5, "1e-05")]
    [InlineData(3.0, "3.0")]
    public void Format_Real_WritesItAsPythonDoes(double value, string expected) => HyperParameterSampler.Format(value).ShouldBe(expected);

    private static Gen<HyperParameterRange> NumericRanges() => Gen.OneOf(
        from min in Gen.Choose(-1000, 1000)
        from width in Gen.Choose(0, 1000)
        from log in Gen.Elements(true, false)
        select (HyperParameterRange)new IntegerRange("x", log ? Math.Abs(min) + 1 : min, (log ? Math.Abs(min) + 1 : min) + width, log ? RangeScaling.Logarithmic : RangeScaling.Linear),
        from a in Gen.Choose(0, 1_000_000)
        from b in Gen.Choose(0, 1_000_000)
        from scaling in Gen.Elements(RangeScaling.Linear, RangeScaling.Logarithmic, RangeScaling.ReverseLogarithmic)
        select (HyperParameterRange)Continuous(Math.Min(a, b), Math.Max(a, b), scaling));

    /// <summary>A continuous range from two draws in [0, 1 000 000], fitted to what the scaling allows.</summary>
    private static ContinuousRange Continuous(int low, int high, RangeScaling scaling) => scaling switch
    {
        RangeScaling.Logarithmic => new ContinuousRange("r", (low + 1) * 1e-6, (high + 1) * 1e-1, scaling),
        RangeScaling.ReverseLogarithmic => new ContinuousRange("r", low / 1_000_001.0, high / 1_000_001.0, scaling),
        _ => new ContinuousRange("r", (low - 500_000) / 7.0, (high - 500_000) / 7.0, scaling),
    };

    private static Gen<HyperParameterRange> GridRanges() => Gen.OneOf(
        from min in Gen.Choose(-5, 5)
        from width in Gen.Choose(0, 4)
        select (HyperParameterRange)new IntegerRange("x", min, min + width, RangeScaling.Linear),
        from count in Gen.Choose(1, 4)
        select (HyperParameterRange)new CategoricalRange("k", [.. Enumerable.Range(0, count).Select(i => $"v{i}")]));

    private static HyperParameterRange Rename(HyperParameterRange range, string name) => range switch
    {
        IntegerRange r => r with { Name = name },
        CategoricalRange r => r with { Name = name },
        _ => range,
    };

    private static bool InBounds(HyperParameterRange range, string value) => range switch
    {
        IntegerRange r => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= r.Min && n <= r.Max,
        ContinuousRange r => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= r.Min && d <= r.Max,
        CategoricalRange r => r.Values.Contains(value),
        _ => false,
    };

    private static List<double> Values(HyperParameterRange range)
    {
        var random = new Random(2024);
        return [.. Enumerable.Range(0, 5000).Select(_ => double.Parse(HyperParameterSampler.Sample([range], random)[range.Name], CultureInfo.InvariantCulture))];
    }

    private static List<string> Draw(IReadOnlyList<HyperParameterRange> ranges, int seed, int count)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => string.Join(",", HyperParameterSampler.Sample(ranges, random).Values))];
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
