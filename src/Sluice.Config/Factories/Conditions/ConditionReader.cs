using Sluice.Config.Reading;
using Sluice.Definitions;
using Sluice.Sdk.Conditions;

namespace Sluice.Config.Factories.Conditions;

/// <summary>
/// Reads a condition: <c>{type: Equals|GreaterThan|GreaterThanOrEqualTo|LessThan|LessThanOrEqualTo, left, right}</c>,
/// <c>{type: In, value, values}</c>, <c>{type: Not, condition}</c> or <c>{type: Or, conditions}</c>. Operands are any
/// value: literals (typed as YAML types them) or references.
/// </summary>
internal static class ConditionReader
{
    private static readonly string[] Types = ["Equals", "GreaterThan", "GreaterThanOrEqualTo", "LessThan", "LessThanOrEqualTo", "In", "Not", "Or"];

    public static Condition Read(ConfigSection section)
    {
        var type = section.Text("type");
        return type switch
        {
            "Equals" => new ConditionEquals(Left(section), Right(section)),
            "GreaterThan" => new ConditionGreaterThan(Left(section), Right(section)),
            "GreaterThanOrEqualTo" => new ConditionGreaterThanOrEqualTo(Left(section), Right(section)),
            "LessThan" => new ConditionLessThan(Left(section), Right(section)),
            "LessThanOrEqualTo" => new ConditionLessThanOrEqualTo(Left(section), Right(section)),
            "In" => new ConditionIn(section.Value("value", ValueKind.Any), section.Values("values", ValueKind.Any) is { Count: > 0 } values ? values : throw section.Missing("values")),
            "Not" => new ConditionNot(Read(section.Section("condition"))),
            "Or" => new ConditionOr(section.Sections("conditions") is { Count: > 0 } conditions ? conditions.Select(Read) : throw section.Missing("conditions")),
            _ => throw section.Error("type", $"unknown condition type '{type}'{Spelling.Hint(type, Types)}; types: {string.Join(", ", Types)}"),
        };
    }

    private static Sdk.Expressions.PipelineValue Left(ConfigSection section) => section.Value("left", ValueKind.Any);

    private static Sdk.Expressions.PipelineValue Right(ConfigSection section) => section.Value("right", ValueKind.Any);
}
