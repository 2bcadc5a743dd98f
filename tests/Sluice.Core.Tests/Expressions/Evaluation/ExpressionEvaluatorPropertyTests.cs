using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Sluice.Definitions.Expressions;
using Sluice.Definitions.Expressions.Evaluation;

namespace Sluice.Definitions.Tests.Expressions.Evaluation;

/// <summary>Random JSON trees and numbers, checked against what the evaluator must preserve or agree with.</summary>
public sealed class ExpressionEvaluatorPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    private static readonly ComparisonOperator[] Operators =
    [
        ComparisonOperator.Equals,
        ComparisonOperator.GreaterThan,
        ComparisonOperator.GreaterThanOrEqualTo,
        ComparisonOperator.LessThan,
        ComparisonOperator.LessThanOrEqualTo,
    ];

    [Fact]
    public void ResolveAsync_RandomTreeWithoutExpressions_ReturnsAnIdenticalTree()
    {
        Check.One(Runs, Prop.ForAll(Trees(3).ToArbitrary(), text =>
        {
            var tree = FakeEvaluationContext.Json(text);
            var resolved = ExpressionEvaluator.ResolveAsync(tree, new FakeEvaluationContext(), CancellationToken.None).GetAwaiter().GetResult();
            return Parse.Text(resolved) == Parse.Text(tree);
        }));
    }

    [Fact]
    public void ResolveAsync_RandomTreeWithParameterReferences_ReplacesEachWithTheValue()
    {
        Check.One(Runs, Prop.ForAll(Trees(3).ToArbitrary(), Scalars().Where(v => v != "null").ToArbitrary(), (text, value) =>
        {
            var context = new FakeEvaluationContext().Parameter("P", value);
            var withReferences = text.Replace("\"leaf\"", """{"Get": "Parameters.P"}""", StringComparison.Ordinal);
            var expected = text.Replace("\"leaf\"", value, StringComparison.Ordinal);
            var resolved = ExpressionEvaluator.ResolveAsync(FakeEvaluationContext.Json(withReferences), context, CancellationToken.None)
                .GetAwaiter().GetResult();
            return Parse.Text(resolved) == Parse.Text(FakeEvaluationContext.Json(expected));
        }));
    }

    [Fact]
    public void EvaluateAsync_ComparisonOfRandomFloats_AgreesWithDoubleComparison()
    {
        var numbers = ArbMap.Default.GeneratorFor<double>().Where(double.IsFinite);
        Check.One(Runs, Prop.ForAll(numbers.ToArbitrary(), numbers.ToArbitrary(), (a, b) =>
            AgreesWithDoubles(a.ToString("R", CultureInfo.InvariantCulture), b.ToString("R", CultureInfo.InvariantCulture), a, b)));
    }

    [Fact]
    public void EvaluateAsync_ComparisonOfRandomIntegersAndFloats_AgreesWithDoubleComparison()
    {
        var integers = Gen.Choose(-1000, 1000);
        var floats = Gen.Choose(-4000, 4000).Select(n => n / 4.0);
        Check.One(Runs, Prop.ForAll(integers.ToArbitrary(), floats.ToArbitrary(), (a, b) =>
            AgreesWithDoubles(a.ToString(CultureInfo.InvariantCulture), b.ToString("0.0###", CultureInfo.InvariantCulture), a, b)
            && AgreesWithDoubles(b.ToString("0.0###", CultureInfo.InvariantCulture), a.ToString(CultureInfo.InvariantCulture), b, a)
            && AgreesWithDoubles(a.ToString(CultureInfo.InvariantCulture), ((int)b).ToString(CultureInfo.InvariantCulture), a, (int)b)));
    }

    [Fact]
    public void EvaluateAsync_JoinOfRandomIntegers_PrintsTheirDigits()
    {
        Check.One(Runs, Prop.ForAll(ArbMap.Default.GeneratorFor<long[]>().ToArbitrary(), numbers =>
        {
            var values = string.Join(", ", numbers.Select(n => n.ToString(CultureInfo.InvariantCulture)));
            var join = Parse.Expression($$$"""{"Std:Join": {"On": ",", "Values": [{{{values}}}]}}""");
            var text = ExpressionEvaluator.EvaluateAsync(join, new FakeEvaluationContext(), CancellationToken.None).GetAwaiter().GetResult();
            return text.GetString() == string.Join(",", numbers.Select(n => n.ToString(CultureInfo.InvariantCulture)));
        }));
    }

    private static bool AgreesWithDoubles(string left, string right, double a, double b)
    {
        foreach (var op in Operators)
        {
            var condition = new ComparisonCondition(
                op,
                new LiteralExpression(FakeEvaluationContext.Json(left)),
                new LiteralExpression(FakeEvaluationContext.Json(right)));
            var actual = ExpressionEvaluator.EvaluateAsync(condition, new FakeEvaluationContext(), CancellationToken.None).GetAwaiter().GetResult();
            var expected = op switch
            {
                ComparisonOperator.Equals => a == b,
                ComparisonOperator.GreaterThan => a > b,
                ComparisonOperator.GreaterThanOrEqualTo => a >= b,
                ComparisonOperator.LessThan => a < b,
                _ => a <= b,
            };
            if (actual != expected)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>JSON text of a random tree with no expressions; some leaves are the string "leaf".</summary>
    private static Gen<string> Trees(int depth)
    {
        if (depth == 0)
        {
            return Scalars();
        }

        var child = Trees(depth - 1);
        var array =
            from n in Gen.Choose(0, 4)
            from items in Gen.ListOf(child, n)
            select "[" + string.Join(", ", items) + "]";
        var obj =
            from keys in Gen.SubListOf("a", "b", "Name", "On", "Values", "Path", "x y", "é", "Get", "Std:Join", "Std:JsonGet")
            from values in Gen.ListOf(child, keys.Count)
            let members = keys.Zip(values, (k, v) => $"\"{k}\": {v}").ToList()
            // An object whose single member is Get or a Std: function would be an expression: give it a second member.
            let shaped = members.Count == 1 && keys[0] is "Get" or "Std:Join" or "Std:JsonGet" ? [.. members, "\"extra\": 1"] : members
            select "{" + string.Join(", ", shaped) + "}";
        return Gen.Frequency((2, Scalars()), (1, array), (1, obj));
    }

    private static Gen<string> Scalars() => Gen.OneOf(
        Gen.Elements("\"leaf\"", "\"\"", "\"s3://b/k\"", "\"é <&> \\\" \\\\ \\n\"", "\"\\uD83D\\uDE00\"", "true", "false", "null"),
        Gen.Elements("0", "-0", "30", "6.0", "0.50", "1e5", "1E+2", "-2.5e-3", "12345678901234567890123", "1.0000000000000000001"),
        Gen.Choose(-100000, 100000).Select(n => n.ToString(CultureInfo.InvariantCulture)),
        ArbMap.Default.GeneratorFor<double>().Where(double.IsFinite).Select(d => d.ToString("R", CultureInfo.InvariantCulture)));
}
