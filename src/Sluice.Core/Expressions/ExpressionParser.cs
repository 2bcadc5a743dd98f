using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sluice.Core.Validation;

namespace Sluice.Core.Expressions;

/// <summary>
/// Turns the JSON forms of expressions and conditions into <see cref="PipelineExpression"/> and
/// <see cref="PipelineCondition"/> trees, reporting malformed ones with their paths.
/// </summary>
internal static class ExpressionParser
{
    public const string Get = "Get";
    public const string Join = "Std:Join";
    public const string JsonGet = "Std:JsonGet";

    private static readonly FrozenDictionary<string, ComparisonOperator> ComparisonTypes =
        Enum.GetValues<ComparisonOperator>().ToFrozenDictionary(o => o.ToString(), StringComparer.Ordinal);

    private static readonly string[] ConditionTypes =
        ["Equals", "GreaterThan", "GreaterThanOrEqualTo", "LessThan", "LessThanOrEqualTo", "In", "Not", "Or"];

    /// <summary>Whether a node has the shape of an expression: an object whose single member is <c>Get</c> or a <c>Std:</c> function.</summary>
    public static bool IsExpression(JsonNode? node) =>
        node is JsonObject { Count: 1 } obj && FunctionName(obj) is not null;

    /// <summary>Parses a value that may be an expression; any other value is a literal.</summary>
    public static PipelineExpression Parse(JsonNode? node, string memberPath, DiagnosticScope scope)
    {
        if (node is not JsonObject { Count: 1 } obj || FunctionName(obj) is not { } function)
        {
            return new LiteralExpression(node);
        }

        var body = obj[function];
        var bodyPath = JsonPaths.Member(memberPath, function);
        return function switch
        {
            Get => ParseGet(body, memberPath, bodyPath, scope),
            Join => ParseJoin(body, bodyPath, scope),
            _ => ParseJsonGet(body, bodyPath, scope),
        };
    }

    /// <summary>Finds every expression inside a JSON tree, without descending into the expressions themselves.</summary>
    public static void Scan(JsonNode? node, string memberPath, DiagnosticScope scope, List<ExpressionSite> sites)
    {
        switch (node)
        {
            case JsonObject obj when IsExpression(obj):
                sites.Add(new ExpressionSite(memberPath, Parse(obj, memberPath, scope)));
                break;
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    if (child is JsonObject or JsonArray)
                    {
                        Scan(child, JsonPaths.Member(memberPath, name), scope, sites);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonObject or JsonArray)
                    {
                        Scan(array[i], JsonPaths.Index(memberPath, i), scope, sites);
                    }
                }

                break;
        }
    }

    /// <summary>Parses the text of a <c>Get</c> expression.</summary>
    /// <returns>The reference, or <see langword="null"/> with <paramref name="error"/> set when the text is malformed.</returns>
    public static Reference? ParseReference(string text, out string? error)
    {
        error = null;
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var root = dot < 0 ? text : text[..dot];
        var rest = dot < 0 ? string.Empty : text[(dot + 1)..];
        switch (root)
        {
            case "Parameters" when rest.Length > 0:
                return new ParameterReference(text, rest);
            case "Execution" when rest.Length > 0:
                return new ExecutionVariableReference(text, rest);
            case "PipelineExperimentConfig" when rest.Length > 0:
                return new ExperimentConfigReference(text, rest);
            case "Steps" when rest.Length > 0:
                return ParseStepReference(text, rest, out error);
            case "Parameters" or "Execution" or "PipelineExperimentConfig" or "Steps":
                error = $"'{text}' names no member after '{root}.'";
                return null;
            default:
                error = $"'{text}' does not start with Parameters., Execution., Steps. or PipelineExperimentConfig.";
                return null;
        }
    }

    /// <summary>Parses one condition of a Condition step.</summary>
    /// <param name="node">The condition's JSON.</param>
    /// <param name="memberPath">Its path relative to the owner.</param>
    /// <param name="scope">Where problems are reported.</param>
    /// <param name="sites">Receives every operand that is an expression, with its path.</param>
    public static PipelineCondition? ParseCondition(JsonNode? node, string memberPath, DiagnosticScope scope, List<ExpressionSite> sites)
    {
        if (node is not JsonObject obj)
        {
            scope.Error(DiagnosticCodes.MalformedCondition, memberPath, $"a condition must be an object with a Type, not {Describe(node)}");
            return null;
        }

        if (obj["Type"] is not JsonValue typeValue || !typeValue.TryGetValue<string>(out var type))
        {
            scope.Error(DiagnosticCodes.MalformedCondition, JsonPaths.Member(memberPath, "Type"),
                $"a condition needs a Type, one of {string.Join(", ", ConditionTypes)}");
            return null;
        }

        switch (type)
        {
            case "In":
                return ParseIn(obj, memberPath, scope, sites);
            case "Not":
                var innerPath = JsonPaths.Member(memberPath, "Condition");
                if (!obj.ContainsKey("Condition"))
                {
                    scope.Error(DiagnosticCodes.MalformedCondition, innerPath, "a Not condition needs the Condition it negates");
                    return null;
                }

                return ParseCondition(obj["Condition"], innerPath, scope, sites) is { } inner ? new NotCondition(inner) : null;
            case "Or":
                var listPath = JsonPaths.Member(memberPath, "Conditions");
                if (obj["Conditions"] is not JsonArray { Count: > 0 } list)
                {
                    scope.Error(DiagnosticCodes.MalformedCondition, listPath, "an Or condition needs a non-empty Conditions list");
                    return null;
                }

                var alternatives = new List<PipelineCondition>(list.Count);
                for (var i = 0; i < list.Count; i++)
                {
                    if (ParseCondition(list[i], JsonPaths.Index(listPath, i), scope, sites) is { } alternative)
                    {
                        alternatives.Add(alternative);
                    }
                }

                return alternatives.Count == list.Count ? new OrCondition(alternatives) : null;
            default:
                if (!ComparisonTypes.TryGetValue(type, out var op))
                {
                    scope.Error(DiagnosticCodes.MalformedCondition, JsonPaths.Member(memberPath, "Type"),
                        $"'{type}' is not a condition type; use one of {string.Join(", ", ConditionTypes)}");
                    return null;
                }

                var ok = RequireOperand(obj, "LeftValue", type, memberPath, scope) & RequireOperand(obj, "RightValue", type, memberPath, scope);
                if (!ok)
                {
                    return null;
                }

                return new ComparisonCondition(
                    op,
                    ParseOperand(obj["LeftValue"], JsonPaths.Member(memberPath, "LeftValue"), scope, sites),
                    ParseOperand(obj["RightValue"], JsonPaths.Member(memberPath, "RightValue"), scope, sites));
        }
    }

    /// <summary>A short description of a JSON value's kind for messages.</summary>
    public static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "a list",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "a value",
        },
        _ => "a value",
    };

    private static string? FunctionName(JsonObject obj)
    {
        foreach (var (name, _) in obj)
        {
            return name is Get or Join or JsonGet ? name : null;
        }

        return null;
    }

    private static PipelineExpression ParseGet(JsonNode? body, string memberPath, string path, DiagnosticScope scope)
    {
        if (body is not JsonValue value || !value.TryGetValue<string>(out var text))
        {
            scope.Error(DiagnosticCodes.MalformedExpression, path, $"Get must name what it reads as a string, not {Describe(body)}");
            return new LiteralExpression(null);
        }

        if (ParseReference(text, out var error) is not { } reference)
        {
            scope.Error(DiagnosticCodes.MalformedExpression, path, error!);
            return new LiteralExpression(null);
        }

        return new GetExpression(reference, memberPath);
    }

    private static PipelineExpression ParseJoin(JsonNode? body, string path, DiagnosticScope scope)
    {
        if (body is not JsonObject obj)
        {
            scope.Error(DiagnosticCodes.MalformedExpression, path, $"Std:Join takes an object with On and Values, not {Describe(body)}");
            return new LiteralExpression(null);
        }

        var on = obj.TryGetPropertyValue("On", out var onNode)
            ? Parse(onNode, JsonPaths.Member(path, "On"), scope)
            : new LiteralExpression(JsonValue.Create(string.Empty));
        var valuesPath = JsonPaths.Member(path, "Values");
        if (obj["Values"] is not JsonArray values)
        {
            scope.Error(DiagnosticCodes.MalformedExpression, valuesPath, $"Std:Join needs a Values list, not {Describe(obj["Values"])}");
            return new LiteralExpression(null);
        }

        var parts = new List<PipelineExpression>(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            parts.Add(Parse(values[i], JsonPaths.Index(valuesPath, i), scope));
        }

        return new JoinExpression(on, parts);
    }

    private static PipelineExpression ParseJsonGet(JsonNode? body, string path, DiagnosticScope scope)
    {
        if (body is not JsonObject obj)
        {
            scope.Error(DiagnosticCodes.MalformedExpression, path,
                $"Std:JsonGet takes an object with PropertyFile or S3Uri, and Path; not {Describe(body)}");
            return new LiteralExpression(null);
        }

        var hasFile = obj.ContainsKey("PropertyFile");
        var hasUri = obj.ContainsKey("S3Uri");
        if (hasFile == hasUri)
        {
            scope.Error(DiagnosticCodes.MalformedExpression, path,
                hasFile ? "Std:JsonGet has both PropertyFile and S3Uri; give one" : "Std:JsonGet needs a PropertyFile or an S3Uri");
            return new LiteralExpression(null);
        }

        if (!obj.TryGetPropertyValue("Path", out var pathNode) || pathNode is null)
        {
            scope.Error(DiagnosticCodes.MalformedExpression, JsonPaths.Member(path, "Path"), "Std:JsonGet needs the Path of the value to read");
            return new LiteralExpression(null);
        }

        var jsonPath = Parse(pathNode, JsonPaths.Member(path, "Path"), scope);
        if (jsonPath is LiteralExpression { Value: JsonValue literalPath } && literalPath.TryGetValue<string>(out var pathText)
            && !PropertyPath.TryParse(pathText, out _, out var pathError))
        {
            scope.Error(DiagnosticCodes.MalformedExpression, JsonPaths.Member(path, "Path"), $"'{pathText}' is not a valid JSON path: {pathError}");
        }

        if (hasUri)
        {
            return new JsonGetExpression(null, Parse(obj["S3Uri"], JsonPaths.Member(path, "S3Uri"), scope), jsonPath);
        }

        var filePath = JsonPaths.Member(path, "PropertyFile");
        var file = Parse(obj["PropertyFile"], filePath, scope);
        if (file is not GetExpression { Reference: StepPropertyReference { PropertyFileName: not null } }
            && file is not LiteralExpression { Value: null })
        {
            scope.Error(DiagnosticCodes.MalformedExpression, filePath,
                "PropertyFile must be {\"Get\": \"Steps.<step>.PropertyFiles.<name>\"}");
        }

        return new JsonGetExpression(file, null, jsonPath);
    }

    private static PipelineExpression ParseOperand(JsonNode? node, string memberPath, DiagnosticScope scope, List<ExpressionSite> sites)
    {
        var expression = Parse(node, memberPath, scope);
        if (expression is not LiteralExpression)
        {
            sites.Add(new ExpressionSite(memberPath, expression));
        }

        return expression;
    }

    private static InCondition? ParseIn(JsonObject obj, string memberPath, DiagnosticScope scope, List<ExpressionSite> sites)
    {
        // The SDK writes QueryValue/Values; the published schema writes Value/In. Both are read.
        var queryName = obj.ContainsKey("QueryValue") ? "QueryValue" : obj.ContainsKey("Value") ? "Value" : null;
        var valuesName = obj.ContainsKey("Values") ? "Values" : obj.ContainsKey("In") ? "In" : null;
        if (queryName is null)
        {
            scope.Error(DiagnosticCodes.MalformedCondition, JsonPaths.Member(memberPath, "QueryValue"), "an In condition needs the QueryValue it looks for");
            return null;
        }

        var valuesPath = JsonPaths.Member(memberPath, valuesName ?? "Values");
        if (valuesName is null || obj[valuesName] is not JsonArray values)
        {
            scope.Error(DiagnosticCodes.MalformedCondition, valuesPath, "an In condition needs a Values list");
            return null;
        }

        var query = ParseOperand(obj[queryName], JsonPaths.Member(memberPath, queryName), scope, sites);
        var candidates = new List<PipelineExpression>(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            candidates.Add(ParseOperand(values[i], JsonPaths.Index(valuesPath, i), scope, sites));
        }

        return new InCondition(query, candidates);
    }

    private static bool RequireOperand(JsonObject obj, string name, string type, string memberPath, DiagnosticScope scope)
    {
        if (obj.ContainsKey(name))
        {
            return true;
        }

        scope.Error(DiagnosticCodes.MalformedCondition, JsonPaths.Member(memberPath, name), $"a {type} condition needs a {name}");
        return false;
    }

    private static StepPropertyReference? ParseStepReference(string text, string rest, out string? error)
    {
        error = null;
        var end = rest.AsSpan().IndexOfAny('.', '[');
        if (end <= 0)
        {
            error = end == 0
                ? $"'{text}' names no step after 'Steps.'"
                : $"'{text}' names step '{rest}' but none of its properties";
            return null;
        }

        var stepName = rest[..end];
        var pathText = rest[end] == '.' ? rest[(end + 1)..] : rest[end..];
        if (!PropertyPath.TryParse(pathText, out var path, out var pathError))
        {
            error = $"'{text}' has a malformed property path: {pathError}";
            return null;
        }

        return new StepPropertyReference(text, stepName, path);
    }
}
