using System.Collections.Frozen;
using System.Text.Json;
using Sluice.Definitions.Json;
using Sluice.Definitions.Validation;

namespace Sluice.Definitions.Expressions;

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

    /// <summary>What a malformed expression parses to, after its problem has been reported.</summary>
    private static readonly LiteralExpression Invalid = new(default);

    private static readonly LiteralExpression EmptyString = new(JsonSerializer.SerializeToElement(string.Empty, DefinitionsJsonContext.Default.String));

    private static readonly string[] ConditionTypes =
        ["Equals", "GreaterThan", "GreaterThanOrEqualTo", "LessThan", "LessThanOrEqualTo", "In", "Not", "Or"];

    /// <summary>Whether a node has the shape of an expression: an object whose single member is <c>Get</c> or a <c>Std:</c> function.</summary>
    public static bool IsExpression(JsonElement? node) =>
        node is { ValueKind: JsonValueKind.Object } obj && FunctionName(obj) is not null;

    /// <summary>Parses a value that may be an expression; any other value is a literal.</summary>
    public static PipelineExpression Parse(JsonElement? node, string memberPath, DiagnosticScope scope)
    {
        if (node is not { ValueKind: JsonValueKind.Object } obj || FunctionName(obj) is not { } function)
        {
            return new LiteralExpression(node ?? default);
        }

        var body = obj.Member(function);
        return function switch
        {
            // A Get's path below the expression is needed only for a problem: most expressions are well-formed Gets.
            Get => ParseGet(body, memberPath, scope),
            Join => ParseJoin(body, JsonPaths.Member(memberPath, function), scope),
            _ => ParseJsonGet(body, JsonPaths.Member(memberPath, function), scope),
        };
    }

    /// <summary>Finds every expression inside a JSON tree, without descending into the expressions themselves.</summary>
    public static void Scan(JsonElement node, string memberPath, DiagnosticScope scope, List<ExpressionSite> sites) =>
        Scan(node, new PathStack(memberPath), scope, sites);

    /// <summary>
    /// Finds every expression inside a member's value; paths start with the member's name as written (not as a
    /// JSON path segment), which is read from the document only when an expression is found.
    /// </summary>
    public static void Scan(JsonProperty member, DiagnosticScope scope, List<ExpressionSite> sites) =>
        Scan(member.Value, new PathStack(member), scope, sites);

    private static void Scan(JsonElement node, PathStack path, DiagnosticScope scope, List<ExpressionSite> sites)
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.Object when FunctionName(node) is not null:
                var at = path.ToString();
                sites.Add(new ExpressionSite(at, Parse(node, at, scope)));
                break;
            case JsonValueKind.Object:
                foreach (var member in node.EnumerateObject())
                {
                    if (member.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                    {
                        path.Push(member);
                        Scan(member.Value, path, scope, sites);
                        path.Pop();
                    }
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in node.EnumerateArray())
                {
                    if (item.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                    {
                        path.Push(i);
                        Scan(item, path, scope, sites);
                        path.Pop();
                    }

                    i++;
                }

                break;
        }
    }

    /// <summary>Parses the text of a <c>Get</c> expression.</summary>
    /// <returns>The reference, or <see langword="null"/> with <paramref name="error"/> set when the text is malformed.</returns>
    public static Reference? ParseReference(string text, out string? error)
    {
        error = null;
        // The root is compared as a span and the rest cut out only where a reference keeps it: no string per Get
        // beyond what the reference holds.
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var root = dot < 0 ? text.AsSpan() : text.AsSpan(0, dot);
        var hasRest = dot >= 0 && dot + 1 < text.Length;
        switch (root)
        {
            case "Parameters" when hasRest:
                return new ParameterReference(text, text[(dot + 1)..]);
            case "Execution" when hasRest:
                return new ExecutionVariableReference(text, text[(dot + 1)..]);
            case "PipelineExperimentConfig" when hasRest:
                return new ExperimentConfigReference(text, text[(dot + 1)..]);
            case "Steps" when hasRest:
                return ParseStepReference(text, dot + 1, out error);
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
    public static PipelineCondition? ParseCondition(JsonElement? node, string memberPath, DiagnosticScope scope, List<ExpressionSite> sites)
    {
        if (node is not { ValueKind: JsonValueKind.Object } obj)
        {
            scope.Error(DiagnosticCodes.MalformedCondition, memberPath, $"a condition must be an object with a Type, not {node.Describe()}");
            return null;
        }

        if (!obj.Member("Type").TryGetString(out var type))
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
                if (obj.Member("Condition") is null)
                {
                    scope.Error(DiagnosticCodes.MalformedCondition, innerPath, "a Not condition needs the Condition it negates");
                    return null;
                }

                return ParseCondition(obj.Member("Condition"), innerPath, scope, sites) is { } inner ? new NotCondition(inner) : null;
            case "Or":
                var listPath = JsonPaths.Member(memberPath, "Conditions");
                if (obj.Member("Conditions") is not { ValueKind: JsonValueKind.Array } list || list.GetArrayLength() == 0)
                {
                    scope.Error(DiagnosticCodes.MalformedCondition, listPath, "an Or condition needs a non-empty Conditions list");
                    return null;
                }

                var alternatives = new List<PipelineCondition>(list.GetArrayLength());
                var index = 0;
                foreach (var item in list.EnumerateArray())
                {
                    if (ParseCondition(item, JsonPaths.Index(listPath, index++), scope, sites) is { } alternative)
                    {
                        alternatives.Add(alternative);
                    }
                }

                return alternatives.Count == list.GetArrayLength() ? new OrCondition(alternatives) : null;
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
                    ParseOperand(obj.Member("LeftValue"), JsonPaths.Member(memberPath, "LeftValue"), scope, sites),
                    ParseOperand(obj.Member("RightValue"), JsonPaths.Member(memberPath, "RightValue"), scope, sites));
        }
    }

    /// <summary>
    /// The function an object calls when it is an expression: its single member is <c>Get</c>, <c>Std:Join</c> or
    /// <c>Std:JsonGet</c>. Called on every object of every step, so it reads the member count the parser recorded
    /// (no walk of a larger object) and compares the name's UTF-8 bytes (no transcoding of the three names).
    /// </summary>
    private static string? FunctionName(JsonElement obj)
    {
        if (obj.GetPropertyCount() != 1)
        {
            return null; // no member, or more: data, not an expression
        }

        foreach (var member in obj.EnumerateObject())
        {
            return member.NameEquals("Get"u8) ? Get : member.NameEquals("Std:Join"u8) ? Join : member.NameEquals("Std:JsonGet"u8) ? JsonGet : null;
        }

        return null;
    }

    private static PipelineExpression ParseGet(JsonElement? body, string memberPath, DiagnosticScope scope)
    {
        if (!body.TryGetString(out var text))
        {
            scope.Error(DiagnosticCodes.MalformedExpression, JsonPaths.Member(memberPath, Get), $"Get must name what it reads as a string, not {body.Describe()}");
            return Invalid;
        }

        if (ParseReference(text, out var error) is not { } reference)
        {
            scope.Error(DiagnosticCodes.MalformedExpression, JsonPaths.Member(memberPath, Get), error!);
            return Invalid;
        }

        return new GetExpression(reference, memberPath);
    }

    private static PipelineExpression ParseJoin(JsonElement? body, string path, DiagnosticScope scope)
    {
        if (body is not { ValueKind: JsonValueKind.Object } obj)
        {
            scope.Error(DiagnosticCodes.MalformedExpression, path, $"Std:Join takes an object with On and Values, not {body.Describe()}");
            return Invalid;
        }

        var on = obj.Member("On") is { } onNode ? Parse(onNode, JsonPaths.Member(path, "On"), scope) : EmptyString;
        var valuesPath = JsonPaths.Member(path, "Values");
        if (obj.Member("Values") is not { ValueKind: JsonValueKind.Array } values)
        {
            scope.Error(DiagnosticCodes.MalformedExpression, valuesPath, $"Std:Join needs a Values list, not {obj.Member("Values").Describe()}");
            return Invalid;
        }

        var parts = new List<PipelineExpression>(values.GetArrayLength());
        foreach (var value in values.EnumerateArray())
        {
            parts.Add(Parse(value, JsonPaths.Index(valuesPath, parts.Count), scope));
        }

        return new JoinExpression(on, parts);
    }

    private static PipelineExpression ParseJsonGet(JsonElement? body, string path, DiagnosticScope scope)
    {
        if (body is not { ValueKind: JsonValueKind.Object } obj)
        {
            scope.Error(DiagnosticCodes.MalformedExpression, path,
                $"Std:JsonGet takes an object with PropertyFile or S3Uri, and Path; not {body.Describe()}");
            return Invalid;
        }

        var hasFile = obj.Member("PropertyFile") is not null;
        var hasUri = obj.Member("S3Uri") is not null;
        if (hasFile == hasUri)
        {
            scope.Error(DiagnosticCodes.MalformedExpression, path,
                hasFile ? "Std:JsonGet has both PropertyFile and S3Uri; give one" : "Std:JsonGet needs a PropertyFile or an S3Uri");
            return Invalid;
        }

        if (obj.Member("Path").IsNullOrMissing())
        {
            scope.Error(DiagnosticCodes.MalformedExpression, JsonPaths.Member(path, "Path"), "Std:JsonGet needs the Path of the value to read");
            return Invalid;
        }

        var jsonPath = Parse(obj.Member("Path"), JsonPaths.Member(path, "Path"), scope);
        if (jsonPath is LiteralExpression literalPath && ((JsonElement?)literalPath.Value).TryGetString(out var pathText)
            && !PropertyPath.TryParse(pathText, out _, out var pathError))
        {
            scope.Error(DiagnosticCodes.MalformedExpression, JsonPaths.Member(path, "Path"), $"'{pathText}' is not a valid JSON path: {pathError}");
        }

        if (hasUri)
        {
            return new JsonGetExpression(null, Parse(obj.Member("S3Uri"), JsonPaths.Member(path, "S3Uri"), scope), jsonPath);
        }

        var filePath = JsonPaths.Member(path, "PropertyFile");
        var file = Parse(obj.Member("PropertyFile"), filePath, scope);
        if (file is not GetExpression { Reference: StepPropertyReference { PropertyFileName: not null } } && !ReferenceEquals(file, Invalid))
        {
            scope.Error(DiagnosticCodes.MalformedExpression, filePath,
                "PropertyFile must be {\"Get\": \"Steps.<step>.PropertyFiles.<name>\"}");
        }

        return new JsonGetExpression(file, null, jsonPath);
    }

    private static PipelineExpression ParseOperand(JsonElement? node, string memberPath, DiagnosticScope scope, List<ExpressionSite> sites)
    {
        var expression = Parse(node, memberPath, scope);
        if (expression is not LiteralExpression)
        {
            sites.Add(new ExpressionSite(memberPath, expression));
        }

        return expression;
    }

    private static InCondition? ParseIn(JsonElement obj, string memberPath, DiagnosticScope scope, List<ExpressionSite> sites)
    {
        // The SDK writes QueryValue/Values; the published schema writes Value/In. Both are read.
        var queryName = obj.Member("QueryValue") is not null ? "QueryValue" : obj.Member("Value") is not null ? "Value" : null;
        var valuesName = obj.Member("Values") is not null ? "Values" : obj.Member("In") is not null ? "In" : null;
        if (queryName is null)
        {
            scope.Error(DiagnosticCodes.MalformedCondition, JsonPaths.Member(memberPath, "QueryValue"), "an In condition needs the QueryValue it looks for");
            return null;
        }

        var valuesPath = JsonPaths.Member(memberPath, valuesName ?? "Values");
        if (valuesName is null || obj.Member(valuesName) is not { ValueKind: JsonValueKind.Array } values)
        {
            scope.Error(DiagnosticCodes.MalformedCondition, valuesPath, "an In condition needs a Values list");
            return null;
        }

        var query = ParseOperand(obj.Member(queryName), JsonPaths.Member(memberPath, queryName), scope, sites);
        var candidates = new List<PipelineExpression>(values.GetArrayLength());
        foreach (var value in values.EnumerateArray())
        {
            candidates.Add(ParseOperand(value, JsonPaths.Index(valuesPath, candidates.Count), scope, sites));
        }

        return new InCondition(query, candidates);
    }

    private static bool RequireOperand(JsonElement obj, string name, string type, string memberPath, DiagnosticScope scope)
    {
        if (obj.Member(name) is not null)
        {
            return true;
        }

        scope.Error(DiagnosticCodes.MalformedCondition, JsonPaths.Member(memberPath, name), $"a {type} condition needs a {name}");
        return false;
    }

    private static StepPropertyReference? ParseStepReference(string text, int restStart, out string? error)
    {
        error = null;
        var end = text.AsSpan(restStart).IndexOfAny('.', '[');
        if (end <= 0)
        {
            error = end == 0
                ? $"'{text}' names no step after 'Steps.'"
                : $"'{text}' names step '{text[restStart..]}' but none of its properties";
            return null;
        }

        var stepName = text.Substring(restStart, end);
        var at = restStart + end;
        var pathText = text[at] == '.' ? text[(at + 1)..] : text[at..];
        if (!PropertyPath.TryParse(pathText, out var path, out var pathError))
        {
            error = $"'{text}' has a malformed property path: {pathError}";
            return null;
        }

        return new StepPropertyReference(text, stepName, path);
    }
}
