using System.Text;
using System.Text.Json;

namespace Sluice.Definitions.Expressions.Evaluation;

/// <summary>
/// Writes expressions and conditions back in their JSON form, compactly, so that error messages name what failed the
/// way the definition spells it: <c>{"Get": "Parameters.X"}</c>.
/// </summary>
internal static class ExpressionText
{
    /// <summary>The JSON form of an expression.</summary>
    public static string Of(PipelineExpression expression)
    {
        var sb = new StringBuilder();
        Append(sb, expression);
        return JsonValues.Cut(sb.ToString());
    }

    /// <summary>The JSON form of a condition.</summary>
    public static string Of(PipelineCondition condition)
    {
        var sb = new StringBuilder();
        Append(sb, condition);
        return JsonValues.Cut(sb.ToString());
    }

    private static void Append(StringBuilder sb, PipelineExpression expression)
    {
        switch (expression)
        {
            case LiteralExpression { Value.ValueKind: JsonValueKind.Undefined }:
                sb.Append("(malformed expression)");
                break;
            case LiteralExpression literal:
                sb.Append(JsonValues.Compact(literal.Value));
                break;
            case GetExpression get:
                sb.Append("{\"Get\": ").Append(JsonValues.Quote(get.Reference.Text)).Append('}');
                break;
            case JoinExpression join:
                sb.Append("{\"Std:Join\": {\"On\": ");
                Append(sb, join.On);
                sb.Append(", \"Values\": [");
                AppendList(sb, join.Values);
                sb.Append("]}}");
                break;
            case JsonGetExpression jsonGet:
                sb.Append("{\"Std:JsonGet\": {");
                if (jsonGet.PropertyFile is { } file)
                {
                    sb.Append("\"PropertyFile\": ");
                    Append(sb, file);
                }
                else if (jsonGet.S3Uri is { } uri)
                {
                    sb.Append("\"S3Uri\": ");
                    Append(sb, uri);
                }

                sb.Append(", \"Path\": ");
                Append(sb, jsonGet.Path);
                sb.Append("}}");
                break;
            default:
                sb.Append(expression.GetType().Name);
                break;
        }
    }

    private static void Append(StringBuilder sb, PipelineCondition condition)
    {
        switch (condition)
        {
            case ComparisonCondition comparison:
                sb.Append("{\"Type\": \"").Append(comparison.Operator).Append("\", \"LeftValue\": ");
                Append(sb, comparison.Left);
                sb.Append(", \"RightValue\": ");
                Append(sb, comparison.Right);
                sb.Append('}');
                break;
            case InCondition @in:
                sb.Append("{\"Type\": \"In\", \"QueryValue\": ");
                Append(sb, @in.Query);
                sb.Append(", \"Values\": [");
                AppendList(sb, @in.Values);
                sb.Append("]}");
                break;
            case NotCondition not:
                sb.Append("{\"Type\": \"Not\", \"Condition\": ");
                Append(sb, not.Inner);
                sb.Append('}');
                break;
            case OrCondition or:
                sb.Append("{\"Type\": \"Or\", \"Conditions\": [");
                for (var i = 0; i < or.Conditions.Count; i++)
                {
                    sb.Append(i == 0 ? string.Empty : ", ");
                    Append(sb, or.Conditions[i]);
                }

                sb.Append("]}");
                break;
            default:
                sb.Append(condition.GetType().Name);
                break;
        }
    }

    private static void AppendList(StringBuilder sb, IReadOnlyList<PipelineExpression> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            sb.Append(i == 0 ? string.Empty : ", ");
            Append(sb, items[i]);
        }
    }
}
