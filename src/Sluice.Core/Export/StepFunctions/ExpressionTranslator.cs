using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sluice.Definitions;
using Sluice.Definitions.Expressions;
using Sluice.Definitions.Expressions.Evaluation;
using Sluice.Definitions.Json;
using Sluice.Definitions.Validation;

namespace Sluice.Core.Export.StepFunctions;

/// <summary>
/// Translates pipeline expressions into ASL: parameters and execution variables into paths of the execution input
/// and the context object, step properties into paths of the producing state's output, <c>Std:Join</c> into
/// <c>States.Format</c>, and <c>Std:JsonGet</c> into a read of the document before the step.
/// </summary>
internal sealed class ExpressionTranslator(ExportContext context, StepNames names)
{
    private int _slots;

    /// <summary>One part of a string being built: literal text, or a value known only when the step runs.</summary>
    private readonly record struct Part(string? Text, AslValue? Value);

    /// <summary>Translates a JSON tree (a step's Arguments) into an ASL payload template; a computed root is an error.</summary>
    public JsonNode? TranslateTree(StepScratch scratch, JsonElement node, string memberPath)
    {
        var (value, expression) = TranslateValue(scratch, node, memberPath);
        if (expression is not null)
        {
            context.Error(scratch.Step, memberPath, "a computed value here has no ASL equivalent");
        }

        return value;
    }

    /// <summary>Translates a JSON value: a node to pass as it is, or an ASL expression to put under a <c>name.$</c> member.</summary>
    public (JsonNode? Node, string? Expression) TranslateValue(StepScratch scratch, JsonElement node, string memberPath)
    {
        if (ExpressionReader.IsExpression(node))
        {
            var value = Translate(scratch, Parse(scratch.Step, node, memberPath), memberPath);
            return value.IsStatic ? (value.Static?.DeepClone(), null) : (null, value.Expression);
        }

        switch (node.ValueKind)
        {
            case JsonValueKind.Object:
                var result = new JsonObject();
                foreach (var member in node.EnumerateObject())
                {
                    var at = JsonPaths.Member(memberPath, member.Name);
                    if (member.Name.EndsWith(".$", StringComparison.Ordinal))
                    {
                        context.Error(scratch.Step, at, "a member name ending in '.$' means a path in ASL; it cannot be passed through");
                        continue;
                    }

                    var (value, expression) = TranslateValue(scratch, member.Value, at);
                    if (expression is not null && IsStringMap(memberPath) && ExpressionReader.IsExpression(member.Value)
                        && Translate(new StepScratch(scratch.Step), Parse(scratch.Step, member.Value, at), at).Type != ValueType.String)
                    {
                        // HyperParameters and Environment are maps of strings: SageMaker turns numbers into text there.
                        expression = "States.Format('{}', " + expression + ")";
                    }

                    if (expression is not null)
                    {
                        result[member.Name + ".$"] = expression;
                    }
                    else
                    {
                        result[member.Name] = value;
                    }
                }

                return (result, null);
            case JsonValueKind.Array:
                return TranslateArray(scratch, node, memberPath);
            case JsonValueKind.Undefined:
                return (null, null);
            default:
                return (JsonNode.Parse(node.GetRawText()), null);
        }
    }

    private static bool IsStringMap(string memberPath) =>
        memberPath.EndsWith(".HyperParameters", StringComparison.Ordinal) || memberPath.EndsWith(".Environment", StringComparison.Ordinal);

    private (JsonNode? Node, string? Expression) TranslateArray(StepScratch scratch, JsonElement node, string memberPath)
    {
        var items = new List<JsonNode?>();
        var computed = new Dictionary<int, string>();
        var i = 0;
        foreach (var item in node.EnumerateArray())
        {
            var (value, expression) = TranslateValue(scratch, item, JsonPaths.Index(memberPath, i));
            items.Add(value);
            if (expression is not null)
            {
                computed[i] = expression;
            }

            i++;
        }

        if (computed.Count == 0)
        {
            return (new JsonArray([.. items]), null);
        }

        // A computed item of a list: ASL evaluates only members ending in '.$', so the whole list becomes States.Array.
        var arguments = new List<string>();
        for (var k = 0; k < items.Count; k++)
        {
            if (computed.TryGetValue(k, out var expression))
            {
                arguments.Add(expression);
            }
            else if (items[k] is null or JsonValue)
            {
                arguments.Add(AslValue.Of(items[k]).AsArgument());
            }
            else
            {
                context.Error(scratch.Step, JsonPaths.Index(memberPath, k), "a list that mixes computed values with objects or lists cannot be built in ASL");
                return (new JsonArray(), null);
            }
        }

        return (null, "States.Array(" + string.Join(", ", arguments) + ")");
    }

    /// <summary>Translates an expression for use in a state of <paramref name="scratch"/>'s step.</summary>
    public AslValue Translate(StepScratch scratch, PipelineExpression expression, string memberPath)
    {
        switch (expression)
        {
            case LiteralExpression literal:
                return AslValue.Of(literal.Value.ValueKind == JsonValueKind.Undefined ? null : JsonNode.Parse(literal.Value.GetRawText()));
            case GetExpression get:
                return TranslateGet(scratch, get.Reference, memberPath);
            case JsonGetExpression jsonGet:
                return TranslateJsonGet(scratch, jsonGet, memberPath);
            case JoinExpression join:
                return Render(TemplateOf(scratch, join, memberPath));
            default:
                context.Error(scratch.Step, memberPath, "this expression has no ASL equivalent");
                return AslValue.Failed;
        }
    }

    /// <summary>Translates a value a Choice rule compares: a literal, or a path of the state (computing it first when it is not one).</summary>
    public AslValue Operand(StepScratch scratch, PipelineExpression expression, string memberPath)
    {
        var value = Translate(scratch, expression, memberPath);
        if (value.IsStatic || AslText.IsStatePath(value.Expression!))
        {
            return value;
        }

        var slot = "O" + (++_slots).ToString(CultureInfo.InvariantCulture);
        scratch.Operands.Add((slot, value.Expression!));
        return AslValue.Dynamic("$.Operands." + slot, value.Type);
    }

    /// <summary>Translates a string-valued expression into a template: literal text and computed parts.</summary>
    public AslValue TranslateString(StepScratch scratch, PipelineExpression expression, string memberPath) =>
        Render(TemplateOf(scratch, expression, memberPath));

    private AslValue TranslateGet(StepScratch scratch, Reference reference, string memberPath)
    {
        switch (reference)
        {
            case ParameterReference parameter:
                var declared = context.Definition.FindParameter(parameter.Name);
                var type = declared?.Type switch
                {
                    ParameterType.String => ValueType.String,
                    ParameterType.Integer or ParameterType.Float => ValueType.Number,
                    ParameterType.Boolean => ValueType.Boolean,
                    _ => ValueType.Unknown,
                };
                return AslValue.Dynamic(AslText.Member("$.Parameters", parameter.Name), type);
            case ExecutionVariableReference variable:
                return ExecutionVariable(scratch, variable.Name, memberPath);
            case ExperimentConfigReference experiment:
                var config = context.Definition.ExperimentConfig;
                var configured = experiment.Name == "ExperimentName" ? config?.ExperimentName : config?.TrialName;
                if (configured is null)
                {
                    // SageMaker's defaults: the pipeline's name and the execution's id.
                    return ExecutionVariable(scratch, experiment.Name == "ExperimentName" ? ExecutionVariables.PipelineName : ExecutionVariables.PipelineExecutionId, memberPath);
                }

                return Translate(scratch, configured, memberPath);
            case StepPropertyReference property:
                return StepProperty(scratch, property, memberPath);
            default:
                context.Error(scratch.Step, memberPath, $"'{reference.Text}' has no ASL equivalent");
                return AslValue.Failed;
        }
    }

    private AslValue ExecutionVariable(StepScratch scratch, string name, string memberPath)
    {
        switch (name)
        {
            case ExecutionVariables.PipelineExecutionArn:
                return AslValue.Dynamic("$$.Execution.Id", ValueType.String);
            case ExecutionVariables.PipelineExecutionId:
                return AslValue.Dynamic("$$.Execution.Name", ValueType.String);
            case ExecutionVariables.StartDateTime:
                return AslValue.Dynamic("$$.Execution.StartTime", ValueType.String);
            case ExecutionVariables.CurrentDateTime:
                return AslValue.Dynamic("$$.State.EnteredTime", ValueType.String);
            case ExecutionVariables.PipelineName:
                return AslValue.Dynamic("$$.StateMachine.Name", ValueType.String);
            case ExecutionVariables.PipelineArn:
                return AslValue.Dynamic("$$.StateMachine.Id", ValueType.String);
            case ExecutionVariables.ProcessingJobName when scratch.Step.Type == StepType.Processing:
            case ExecutionVariables.TrainingJobName when scratch.Step.Type == StepType.Training:
                return AslValue.Dynamic(names.JobName(scratch.Step), ValueType.String);
            default:
                context.Error(scratch.Step, memberPath, $"the execution variable '{name}' has no value in this step");
                return AslValue.Failed;
        }
    }

    private AslValue StepProperty(StepScratch scratch, StepPropertyReference property, string memberPath)
    {
        if (!context.Definition.TryGetStep(property.StepName, out var producer))
        {
            context.Error(scratch.Step, memberPath, $"step '{property.StepName}' does not exist");
            return AslValue.Failed;
        }

        if (property.PropertyFileName is not null)
        {
            context.Error(scratch.Step, memberPath, "a property file is read with Std:JsonGet, not used as a value");
            return AslValue.Failed;
        }

        var path = names.PropertyRoot(producer);
        if (path is null)
        {
            context.Error(scratch.Step, memberPath, $"step '{producer.Name}' ({producer.TypeName}) has no properties to read");
            return AslValue.Failed;
        }

        JsonElement? arguments = producer.Arguments;
        string? previous = null;
        var filtered = false;
        foreach (var segment in property.Path.Segments)
        {
            switch (segment)
            {
                case PropertyPathSegment.Member member:
                    path = AslText.Member(path, member.Name);
                    arguments = arguments is { ValueKind: JsonValueKind.Object } ? arguments.Member(member.Name) : null;
                    previous = member.Name;
                    break;
                case PropertyPathSegment.Index index:
                    path = AslText.Index(path, index.Position);
                    arguments = arguments is { ValueKind: JsonValueKind.Array } a && index.Position < a.GetArrayLength() ? a[index.Position] : null;
                    break;
                case PropertyPathSegment.Key key when arguments is { ValueKind: JsonValueKind.Array } list:
                    var position = FindNamed(list, key.Value);
                    if (position < 0)
                    {
                        context.Error(scratch.Step, memberPath, $"'{property.Text}': step '{producer.Name}' has no item named '{key.Value}' in {previous}");
                        return AslValue.Failed;
                    }

                    path = AslText.Index(path, position);
                    arguments = list[position];
                    break;
                case PropertyPathSegment.Key key when previous is "FinalMetricDataList":
                    // Metrics are listed in the order the job reported them: pick by name with a filter, then take the one match.
                    path += "[?(@.MetricName == '" + key.Value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "')]";
                    filtered = true;
                    arguments = null;
                    break;
                case PropertyPathSegment.Key key:
                    if (previous is "SecondaryStatusTransitions" or "TrainingJobSummaries")
                    {
                        context.Error(scratch.Step, memberPath, $"'{property.Text}': {previous} is a list whose order is known only after the run, so ['{key.Value}'] has no JSONPath");
                        return AslValue.Failed;
                    }

                    path = AslText.Member(path, key.Value);
                    arguments = arguments is { ValueKind: JsonValueKind.Object } ? arguments.Member(key.Value) : null;
                    break;
            }
        }

        return filtered ? AslValue.Dynamic("States.ArrayGetItem(" + path + ", 0)", ValueType.Unknown) : AslValue.Dynamic(path, ValueType.Unknown);
    }

    /// <summary>
    /// The expression in the producing step's Arguments that a property echoes (a Describe* response repeats its
    /// Create* request), so that an S3 location can be split into bucket and key when the export is made.
    /// </summary>
    private PipelineExpression? EchoedArgument(StepPropertyReference property)
    {
        if (!context.Definition.TryGetStep(property.StepName, out var producer)
            || producer.Type is not (StepType.Processing or StepType.Training or StepType.Transform or StepType.Tuning or StepType.Model))
        {
            return null;
        }

        JsonElement? node = producer.Arguments;
        var at = "Arguments";
        foreach (var segment in property.Path.Segments)
        {
            switch (segment)
            {
                case PropertyPathSegment.Member member when node is { ValueKind: JsonValueKind.Object }:
                    node = node.Member(member.Name);
                    at = JsonPaths.Member(at, member.Name);
                    break;
                case PropertyPathSegment.Index index when node is { ValueKind: JsonValueKind.Array } list && index.Position < list.GetArrayLength():
                    node = list[index.Position];
                    at = JsonPaths.Index(at, index.Position);
                    break;
                case PropertyPathSegment.Key key when node is { ValueKind: JsonValueKind.Array } list && FindNamed(list, key.Value) is var i && i >= 0:
                    node = list[i];
                    at = JsonPaths.Index(at, i);
                    break;
                default:
                    return null;
            }

            if (node is null)
            {
                return null;
            }
        }

        var expression = Parse(producer, node ?? default, at);
        var usesJobName = expression.Gets().Any(g => g.Reference is ExecutionVariableReference { Name: ExecutionVariables.ProcessingJobName or ExecutionVariables.TrainingJobName });
        return expression is LiteralExpression { Value.ValueKind: JsonValueKind.String } or JoinExpression && !usesJobName ? expression : null;
    }

    /// <summary>The position of the item whose <c>...Name</c> member (OutputName, ChannelName, InputName) is the key.</summary>
    private static int FindNamed(JsonElement list, string key)
    {
        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object)
            {
                foreach (var member in item.EnumerateObject())
                {
                    if (member.Name.EndsWith("Name", StringComparison.Ordinal) && member.Value.ValueKind == JsonValueKind.String
                        && member.Value.GetString() == key)
                    {
                        return i;
                    }
                }
            }

            i++;
        }

        return -1;
    }

    private AslValue TranslateJsonGet(StepScratch scratch, JsonGetExpression jsonGet, string memberPath)
    {
        memberPath = JsonPaths.Member(memberPath, "Std:JsonGet");
        List<Part>? location = null;
        if (jsonGet.PropertyFile is GetExpression { Reference: StepPropertyReference { PropertyFileName: { } fileName } file })
        {
            location = PropertyFileLocation(scratch, file.StepName, fileName, memberPath);
        }
        else if (jsonGet.S3Uri is not null)
        {
            location = TemplateOf(scratch, jsonGet.S3Uri, JsonPaths.Member(memberPath, "S3Uri"));
        }
        else
        {
            context.Error(scratch.Step, memberPath, "Std:JsonGet needs a PropertyFile reference or an S3Uri");
        }

        if (jsonGet.Path is not LiteralExpression { Value.ValueKind: JsonValueKind.String } pathLiteral)
        {
            context.Error(scratch.Step, JsonPaths.Member(memberPath, "Path"), "a computed Std:JsonGet Path has no JSONPath equivalent; write it as a literal");
            return AslValue.Failed;
        }

        if (!PropertyPath.TryParse(pathLiteral.Value.GetString()!, out var documentPath, out var error))
        {
            context.Error(scratch.Step, JsonPaths.Member(memberPath, "Path"), $"not a path: {error}");
            return AslValue.Failed;
        }

        if (location is null || !TrySplitS3(scratch, location, memberPath, out var bucket, out var key))
        {
            return AslValue.Failed;
        }

        var slot = "F" + (++_slots).ToString(CultureInfo.InvariantCulture);
        scratch.Reads.Add((slot, bucket, key));
        var path = "$.Files." + slot + ".Document";
        foreach (var segment in documentPath.Segments)
        {
            path = segment switch
            {
                PropertyPathSegment.Member m => AslText.Member(path, m.Name),
                PropertyPathSegment.Index i => AslText.Index(path, i.Position),
                PropertyPathSegment.Key k => AslText.Member(path, k.Value),
                _ => path,
            };
        }

        return AslValue.Dynamic(path, ValueType.Unknown);
    }

    private List<Part>? PropertyFileLocation(StepScratch scratch, string stepName, string fileName, string memberPath)
    {
        if (!context.Definition.TryGetStep(stepName, out var producer)
            || producer.PropertyFiles.FirstOrDefault(f => f.Name == fileName) is not { } file)
        {
            context.Error(scratch.Step, memberPath, $"step '{stepName}' has no property file '{fileName}'");
            return null;
        }

        var outputs = producer.Arguments.Member("ProcessingOutputConfig").Member("Outputs");
        if (outputs is not { ValueKind: JsonValueKind.Array } list || FindNamed(list, file.OutputName) is var i && i < 0)
        {
            context.Error(scratch.Step, memberPath, $"step '{stepName}' has no processing output '{file.OutputName}' for property file '{fileName}'");
            return null;
        }

        var uriPath = $"Arguments.ProcessingOutputConfig.Outputs[{i}].S3Output.S3Uri";
        var uri = list[i].Member("S3Output").Member("S3Uri");
        var expression = Parse(producer, uri ?? default, uriPath);
        if (expression.Gets().Any(g => g.Reference is ExecutionVariableReference { Name: ExecutionVariables.ProcessingJobName }))
        {
            context.Error(scratch.Step, memberPath, $"the location of property file '{fileName}' depends on step '{stepName}''s job name, which this step cannot see");
            return null;
        }

        var parts = TemplateOf(scratch, expression, memberPath);
        parts.Add(new Part("/" + file.FilePath, null));
        return parts;
    }

    /// <summary>Splits <c>s3://bucket/key</c> into a bucket and a key; the bucket must be literal or one whole computed part.</summary>
    private bool TrySplitS3(StepScratch scratch, List<Part> parts, string memberPath, out AslValue bucket, out AslValue key)
    {
        bucket = key = AslValue.Failed;
        var merged = Merge(parts);
        if (merged.Count > 0 && merged[0].Text is { } first && first.StartsWith("s3://", StringComparison.Ordinal))
        {
            var rest = first["s3://".Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0)
            {
                bucket = AslValue.Of(JsonValue.Create(rest[..slash]));
                var keyParts = new List<Part> { new(rest[(slash + 1)..], null) };
                keyParts.AddRange(merged.Skip(1));
                key = Render(keyParts);
                return true;
            }

            if (slash < 0 && rest.Length == 0 && merged.Count > 2 && merged[1].Value is { } computedBucket
                && merged[2].Text is { } after && after.StartsWith('/'))
            {
                bucket = computedBucket;
                var keyParts = new List<Part> { new(after[1..], null) };
                keyParts.AddRange(merged.Skip(3));
                key = Render(keyParts);
                return true;
            }
        }

        context.Error(scratch.Step, memberPath, "the document's S3 location must start with a literal 's3://bucket/' (or 's3://' and the bucket as one value) to be read by an S3 GetObject task");
        return false;
    }

    private List<Part> TemplateOf(StepScratch scratch, PipelineExpression expression, string memberPath)
    {
        var parts = new List<Part>();
        Append(scratch, expression, memberPath, parts);
        return parts;
    }

    private void Append(StepScratch scratch, PipelineExpression expression, string memberPath, List<Part> parts)
    {
        switch (expression)
        {
            case JoinExpression join:
                var joinPath = JsonPaths.Member(memberPath, "Std:Join");
                if (join.On is not LiteralExpression { Value.ValueKind: JsonValueKind.String } on)
                {
                    context.Error(scratch.Step, JsonPaths.Member(joinPath, "On"), "a computed Std:Join separator has no ASL equivalent; write it as a literal");
                    return;
                }

                for (var i = 0; i < join.Values.Count; i++)
                {
                    if (i > 0)
                    {
                        parts.Add(new Part(on.Value.GetString(), null));
                    }

                    Append(scratch, join.Values[i], JsonPaths.Index(JsonPaths.Member(joinPath, "Values"), i), parts);
                }

                break;
            case LiteralExpression literal:
                if (PythonText.TryStr(literal.Value, out var text, out var error))
                {
                    parts.Add(new Part(text, null));
                }
                else
                {
                    context.Error(scratch.Step, memberPath, error ?? "this value has no text");
                }

                break;
            case GetExpression { Reference: StepPropertyReference property } when EchoedArgument(property) is { } echoed:
                Append(scratch, echoed, memberPath, parts);
                break;
            default:
                var value = Translate(scratch, expression, memberPath);
                if (ReferenceEquals(value, AslValue.Failed))
                {
                    return;
                }

                if (value.IsStatic)
                {
                    using (var document = JsonDocument.Parse(value.Static?.ToJsonString() ?? "null"))
                    {
                        Append(scratch, new LiteralExpression(document.RootElement.Clone()), memberPath, parts);
                    }
                }
                else
                {
                    if (value.Type == ValueType.Boolean)
                    {
                        context.Approximate(scratch.Step, memberPath, "a Boolean in a string prints as true/false in ASL, where SageMaker prints True/False");
                    }

                    parts.Add(new Part(null, value));
                }

                break;
        }
    }

    private static List<Part> Merge(List<Part> parts)
    {
        var merged = new List<Part>();
        foreach (var part in parts)
        {
            if (part.Text is not null && merged.Count > 0 && merged[^1].Text is { } previous)
            {
                merged[^1] = new Part(previous + part.Text, null);
            }
            else if (part.Text is not { Length: 0 })
            {
                merged.Add(part);
            }
        }

        return merged;
    }

    private static AslValue Render(List<Part> parts)
    {
        var merged = Merge(parts);
        if (merged.Count == 0)
        {
            return AslValue.Of(JsonValue.Create(string.Empty));
        }

        if (merged.All(p => p.Text is not null))
        {
            return AslValue.Of(JsonValue.Create(merged[0].Text));
        }

        if (merged is [{ Value: { Type: ValueType.String } only }])
        {
            return only;
        }

        var format = new StringBuilder();
        var arguments = new List<string>();
        foreach (var part in merged)
        {
            if (part.Text is not null)
            {
                format.Append(AslText.EscapeForFormat(part.Text));
            }
            else
            {
                format.Append("{}");
                arguments.Add(part.Value!.AsArgument());
            }
        }

        return AslValue.Dynamic("States.Format('" + format + "', " + string.Join(", ", arguments) + ")", ValueType.String);
    }

    private PipelineExpression Parse(StepDefinition step, JsonElement node, string memberPath)
    {
        var expression = ExpressionReader.Parse(node, memberPath, step.Path, step.Name, out var diagnostics);
        foreach (var diagnostic in diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))
        {
            context.Error(step, memberPath, diagnostic.Message);
        }

        return expression;
    }
}
