using System.Text.Json.Nodes;
using Sluice.Definitions.Expressions;
using Sluice.Definitions.Json;

namespace Sluice.Core.Export.StepFunctions;

/// <summary>
/// Translates a Condition step's conditions into one Choice rule: comparisons into String/Numeric/Boolean rules
/// (guarded by type tests where the operand's type is known only at run time), In into Or of equalities, Not, Or,
/// and the step's list into And.
/// </summary>
internal sealed class ChoiceRules(ExportContext context, ExpressionTranslator translator)
{
    /// <summary>The rule that holds when every condition holds.</summary>
    public JsonObject Translate(StepScratch scratch, IReadOnlyList<PipelineCondition> conditions, string memberPath)
    {
        var rules = new List<JsonObject>();
        for (var i = 0; i < conditions.Count; i++)
        {
            rules.Add(Condition(scratch, conditions[i], JsonPaths.Index(memberPath, i)));
        }

        return rules.Count switch
        {
            0 => Always(true),
            1 => rules[0],
            _ => new JsonObject { ["And"] = new JsonArray([.. rules]) },
        };
    }

    private JsonObject Condition(StepScratch scratch, PipelineCondition condition, string memberPath)
    {
        switch (condition)
        {
            case ComparisonCondition comparison:
                return Compare(
                    scratch,
                    comparison.Operator,
                    translator.Operand(scratch, comparison.Left, JsonPaths.Member(memberPath, "LeftValue")),
                    translator.Operand(scratch, comparison.Right, JsonPaths.Member(memberPath, "RightValue")),
                    memberPath);
            case InCondition @in:
                var query = translator.Operand(scratch, @in.Query, JsonPaths.Member(memberPath, "QueryValue"));
                var alternatives = new List<JsonObject>();
                for (var i = 0; i < @in.Values.Count; i++)
                {
                    var value = translator.Operand(scratch, @in.Values[i], JsonPaths.Index(JsonPaths.Member(memberPath, "Values"), i));
                    alternatives.Add(Compare(scratch, ComparisonOperator.Equals, query, value, memberPath));
                }

                return alternatives.Count switch
                {
                    0 => Always(false),
                    1 => alternatives[0],
                    _ => new JsonObject { ["Or"] = new JsonArray([.. alternatives]) },
                };
            case NotCondition not:
                return new JsonObject { ["Not"] = Condition(scratch, not.Inner, JsonPaths.Member(memberPath, "Condition")) };
            case OrCondition or:
                var any = new List<JsonObject>();
                for (var i = 0; i < or.Conditions.Count; i++)
                {
                    any.Add(Condition(scratch, or.Conditions[i], JsonPaths.Index(JsonPaths.Member(memberPath, "Conditions"), i)));
                }

                return any.Count switch
                {
                    0 => Always(false),
                    1 => any[0],
                    _ => new JsonObject { ["Or"] = new JsonArray([.. any]) },
                };
            default:
                context.Error(scratch.Step, memberPath, "this condition has no Choice equivalent");
                return Always(false);
        }
    }

    private JsonObject Compare(StepScratch scratch, ComparisonOperator op, AslValue left, AslValue right, string memberPath)
    {
        if (ReferenceEquals(left, AslValue.Failed) || ReferenceEquals(right, AslValue.Failed))
        {
            return Always(false);
        }

        if (left.IsStatic && right.IsStatic)
        {
            return Always(StaticCompare(scratch, op, left.Static, right.Static, memberPath));
        }

        if (left.IsStatic)
        {
            (left, right) = (right, left);
            op = Mirror(op);
        }

        var variable = left.Expression!;
        if (right.IsStatic)
        {
            var family = right.Type;
            if (family == ValueType.Unknown)
            {
                context.Error(scratch.Step, memberPath, "a condition compares with null, a list or an object, which Choice rules cannot");
                return Always(false);
            }

            var rule = Rule(scratch, op, family, variable, right.Static!.DeepClone(), isPath: false, memberPath);
            return left.Type == family ? rule : Guarded(family, variable, null, rule);
        }

        var rightPath = right.Expression!;
        var families = left.Type != ValueType.Unknown ? [left.Type]
            : right.Type != ValueType.Unknown ? new[] { right.Type }
            : [ValueType.Number, ValueType.String, ValueType.Boolean];
        var rules = new List<JsonObject>();
        foreach (var family in families)
        {
            if (family == ValueType.Boolean && op != ComparisonOperator.Equals)
            {
                if (families.Length == 1)
                {
                    context.Error(scratch.Step, memberPath, "Choice rules cannot order Booleans");
                }

                continue;
            }

            var rule = Rule(scratch, op, family, variable, JsonValue.Create(rightPath), isPath: true, memberPath);
            rules.Add(left.Type == family && right.Type == family ? rule : Guarded(family, variable, rightPath, rule));
        }

        return rules.Count == 1 ? rules[0] : new JsonObject { ["Or"] = new JsonArray([.. rules]) };
    }

    /// <summary>Runs a typed rule only when the operands have that type at run time (otherwise the rule is false, as a Python comparison of unlike values is not true).</summary>
    private static JsonObject Guarded(ValueType family, string variable, string? otherPath, JsonObject rule)
    {
        var test = family switch
        {
            ValueType.Number => "IsNumeric",
            ValueType.String => "IsString",
            _ => "IsBoolean",
        };
        var all = new JsonArray((JsonNode)new JsonObject { ["Variable"] = variable, [test] = true });
        if (otherPath is not null)
        {
            all.Add((JsonNode)new JsonObject { ["Variable"] = otherPath, [test] = true });
        }

        all.Add((JsonNode)rule);
        return new JsonObject { ["And"] = all };
    }

    private JsonObject Rule(StepScratch scratch, ComparisonOperator op, ValueType family, string variable, JsonNode value, bool isPath, string memberPath)
    {
        var prefix = family switch
        {
            ValueType.Number => "Numeric",
            ValueType.String => "String",
            _ => "Boolean",
        };
        var suffix = op switch
        {
            ComparisonOperator.Equals => "Equals",
            ComparisonOperator.GreaterThan => "GreaterThan",
            ComparisonOperator.GreaterThanOrEqualTo => "GreaterThanEquals",
            ComparisonOperator.LessThan => "LessThan",
            _ => "LessThanEquals",
        };
        if (family == ValueType.Boolean && op != ComparisonOperator.Equals)
        {
            context.Error(scratch.Step, memberPath, "Choice rules cannot order Booleans");
        }

        return new JsonObject { ["Variable"] = variable, [prefix + suffix + (isPath ? "Path" : string.Empty)] = value };
    }

    private bool StaticCompare(StepScratch scratch, ComparisonOperator op, JsonNode? left, JsonNode? right, string memberPath)
    {
        int order;
        if (left is JsonValue l && right is JsonValue r && l.TryGetValue<double>(out var a) && r.TryGetValue<double>(out var b))
        {
            order = a.CompareTo(b);
        }
        else if (left is JsonValue ls && right is JsonValue rs && ls.TryGetValue<string>(out var x) && rs.TryGetValue<string>(out var y))
        {
            order = string.CompareOrdinal(x, y);
        }
        else if (op == ComparisonOperator.Equals)
        {
            return JsonNode.DeepEquals(left, right);
        }
        else
        {
            context.Error(scratch.Step, memberPath, "these literal values cannot be ordered");
            return false;
        }

        return op switch
        {
            ComparisonOperator.Equals => order == 0,
            ComparisonOperator.GreaterThan => order > 0,
            ComparisonOperator.GreaterThanOrEqualTo => order >= 0,
            ComparisonOperator.LessThan => order < 0,
            _ => order <= 0,
        };
    }

    private static ComparisonOperator Mirror(ComparisonOperator op) => op switch
    {
        ComparisonOperator.GreaterThan => ComparisonOperator.LessThan,
        ComparisonOperator.GreaterThanOrEqualTo => ComparisonOperator.LessThanOrEqualTo,
        ComparisonOperator.LessThan => ComparisonOperator.GreaterThan,
        ComparisonOperator.LessThanOrEqualTo => ComparisonOperator.GreaterThanOrEqualTo,
        _ => op,
    };

    /// <summary>A rule that always (or never) holds: the state itself is always present.</summary>
    private static JsonObject Always(bool value)
    {
        var present = new JsonObject { ["Variable"] = "$", ["IsPresent"] = true };
        return value ? present : new JsonObject { ["Not"] = present };
    }
}
