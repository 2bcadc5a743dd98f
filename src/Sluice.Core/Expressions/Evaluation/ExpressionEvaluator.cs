using System.Text.Json;
using Sluice.Definitions.Validation;

namespace Sluice.Definitions.Expressions.Evaluation;

/// <summary>
/// Evaluates pipeline expressions, step arguments and conditions while a pipeline runs. Its semantics follow the SDK's
/// local executor (<c>sagemaker/local/pipeline.py</c>, <c>LocalPipelineExecutor</c> and <c>_ConditionStepExecutor</c>)
/// except where noted:
/// <list type="bullet">
/// <item><c>Get</c> reads <c>Parameters.X</c>, <c>Execution.X</c>, <c>PipelineExperimentConfig.X</c> (evaluating the
/// config's own expression, as the SDK writes <c>{"Get": "Execution.PipelineName"}</c> there) and <c>Steps.S.Path</c>,
/// which walks the step's properties: <c>.Name</c> a member, <c>[n]</c> a list item, <c>['key']</c> a member of an
/// object or the item of a list whose <c>...Name</c> member equals the key (the SDK re-keys Describe lists such as
/// <c>ProcessingOutputConfig.Outputs</c> into maps by <c>OutputName</c>; Sluice keeps the Describe shape and looks the
/// item up instead). <c>Steps.S.PropertyFiles.F</c> is valid only as the <c>PropertyFile</c> of <c>Std:JsonGet</c>.</item>
/// <item>A reference or <c>Std:JsonGet</c> whose value is JSON <c>null</c> fails, as the SDK fails a step on a value
/// that is <c>None</c> ("... is undefined").</item>
/// <item><c>Std:Join</c> stringifies each value with Python's <c>str()</c>, as the SDK does: strings as they are,
/// integers as digits, floats as Python prints them (<c>6.0</c>, <c>1e-05</c>), booleans as <c>True</c> and
/// <c>False</c> (also how the SDK's <c>start()</c> sends Boolean parameters). A null, list or object value fails
/// (the SDK fails on <c>None</c>; the <c>repr</c> of a list is of no use to a job).</item>
/// <item><c>Std:JsonGet</c> reads the property file at its processing output's <c>S3Output.S3Uri</c> + <c>/</c> +
/// <c>FilePath</c>, or the document at the evaluated <c>S3Uri</c> (any expression that gives a string, not only
/// <c>Std:Join</c> as the SDK requires), and walks the <c>Path</c>, which may itself be an expression.</item>
/// <item>Conditions: see <see cref="EvaluateAsync(PipelineCondition, IEvaluationContext, CancellationToken)"/>.</item>
/// </list>
/// Every failure is an <see cref="EvaluationException"/> whose message names the expression that failed.
/// </summary>
public static partial class ExpressionEvaluator
{
    /// <summary>Evaluates an expression to its JSON value.</summary>
    /// <param name="expression">The expression; a literal list or object has the expressions inside it resolved.</param>
    /// <param name="context">What the expression reads.</param>
    /// <param name="ct">Cancels reads from the object store.</param>
    /// <returns>The value: a string for <c>Std:Join</c>; the typed value of the parameter, property or document member otherwise.</returns>
    /// <exception cref="EvaluationException">The expression cannot be evaluated; the message names it.</exception>
    public static Task<JsonElement> EvaluateAsync(PipelineExpression expression, IEvaluationContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(context);
        return EvaluateCoreAsync(expression, context, ct).AsTask();
    }

    private static async ValueTask<JsonElement> EvaluateCoreAsync(
        PipelineExpression expression,
        IEvaluationContext context,
        CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        switch (expression)
        {
            case LiteralExpression { Value.ValueKind: JsonValueKind.Undefined }:
                throw new EvaluationException(ExpressionText.Of(expression),
                    "the expression is malformed; validate the definition to see why");
            case LiteralExpression { Value.ValueKind: JsonValueKind.Object or JsonValueKind.Array } literal:
                return await ResolveCoreAsync(literal.Value, context, ct);
            case LiteralExpression literal:
                return literal.Value;
            case GetExpression get:
                return await EvaluateGetAsync(get, context, ct);
            case JoinExpression join:
                return JsonValues.String(await JoinAsync(join, context, ct));
            case JsonGetExpression jsonGet:
                return await EvaluateJsonGetAsync(jsonGet, context, ct);
            default:
                throw new EvaluationException(ExpressionText.Of(expression), "Sluice cannot evaluate this kind of expression");
        }
    }

    private static async ValueTask<JsonElement> EvaluateGetAsync(GetExpression get, IEvaluationContext context, CancellationToken ct)
    {
        var subject = ExpressionText.Of(get);
        JsonElement value;
        switch (get.Reference)
        {
            case ParameterReference parameter:
                if (!context.TryGetParameter(parameter.Name, out value))
                {
                    throw new EvaluationException(subject, $"parameter '{parameter.Name}' has no value: the pipeline does not define it, "
                        + "or the execution did not set it and it has no default");
                }

                break;
            case ExecutionVariableReference variable:
                if (!context.TryGetExecutionVariable(variable.Name, out value))
                {
                    throw new EvaluationException(subject, ExecutionVariables.All.Contains(variable.Name)
                        ? $"execution variable '{variable.Name}' is not available here"
                        : $"'{variable.Name}' is not an execution variable; use one of "
                            + string.Join(", ", ExecutionVariables.All.Order(StringComparer.Ordinal)));
                }

                break;
            case ExperimentConfigReference config:
                value = await ReadExperimentConfigAsync(config, subject, context, ct);
                break;
            case StepPropertyReference property:
                value = ReadStepProperty(property, subject, context);
                break;
            default:
                throw new EvaluationException(subject, "Sluice cannot evaluate this kind of reference");
        }

        if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            throw new EvaluationException(subject, "is undefined: its value is null");
        }

        return value;
    }

    private static async ValueTask<JsonElement> ReadExperimentConfigAsync(
        ExperimentConfigReference config,
        string subject,
        IEvaluationContext context,
        CancellationToken ct)
    {
        if (!context.TryGetExperimentConfig(config.Name, out var value))
        {
            throw new EvaluationException(subject, $"the pipeline's PipelineExperimentConfig has no '{config.Name}'");
        }

        if (!ExpressionParser.IsExpression(value))
        {
            return value;
        }

        var inner = Parse(value);
        if (inner.References().OfType<ExperimentConfigReference>().Any())
        {
            throw new EvaluationException(subject, $"PipelineExperimentConfig.{config.Name} is {ExpressionText.Of(inner)}, "
                + "which reads the experiment config itself");
        }

        return await EvaluateCoreAsync(inner, context, ct);
    }

    private static JsonElement ReadStepProperty(StepPropertyReference property, string subject, IEvaluationContext context)
    {
        if (property.PropertyFileName is { } file)
        {
            throw new EvaluationException(subject,
                $"a property file (PropertyFiles.{file}) has no value of its own; read it with Std:JsonGet's PropertyFile");
        }

        var properties = StepProperties(property.StepName, subject, context);
        if (!PropertyWalker.TryWalk(properties, property.Path.Segments, keyedListItems: true, out var value, out var reason))
        {
            throw new EvaluationException(subject, $"step '{property.StepName}' has no property {property.Path} ({reason})");
        }

        return value;
    }

    private static JsonElement StepProperties(string stepName, string subject, IEvaluationContext context)
    {
        if (context.TryGetStepProperties(stepName, out var properties))
        {
            return properties;
        }

        throw new EvaluationException(subject, context.FindStep(stepName) is null
            ? $"the pipeline has no step '{stepName}'"
            : $"step '{stepName}' has no properties: it has not finished");
    }

    private static async ValueTask<string> JoinAsync(JoinExpression join, IEvaluationContext context, CancellationToken ct)
    {
        var on = await EvaluateCoreAsync(join.On, context, ct);
        if (!PythonText.TryStr(on, out var separator, out var error))
        {
            throw new EvaluationException(ExpressionText.Of(join), "On " + error);
        }

        var parts = new string[join.Values.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            var value = await EvaluateCoreAsync(join.Values[i], context, ct);
            if (!PythonText.TryStr(value, out parts[i], out error))
            {
                throw new EvaluationException(ExpressionText.Of(join), $"Values[{i}] {error}");
            }
        }

        return string.Join(separator, parts);
    }

    /// <summary>Parses a JSON expression found at run time, failing on what the definition's validation would report.</summary>
    private static PipelineExpression Parse(JsonElement node)
    {
        var diagnostics = new List<Diagnostic>();
        var expression = ExpressionParser.Parse(node, string.Empty, new DiagnosticScope(diagnostics, string.Empty, null));
        if (diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) is { } error)
        {
            throw new EvaluationException(JsonValues.Compact(node), error.Message);
        }

        return expression;
    }
}
