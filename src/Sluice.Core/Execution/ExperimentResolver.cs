using System.Collections.Concurrent;
using System.Text.Json;
using Sluice.Core.Artifacts;
using Sluice.Core.Storage;
using Sluice.Definitions;
using Sluice.Definitions.Expressions;
using Sluice.Definitions.Expressions.Evaluation;

namespace Sluice.Core.Execution;

/// <summary>
/// Resolves a definition's <c>PipelineExperimentConfig</c> for a starting execution, as SageMaker does once at start:
/// each member may be a literal, a parameter, an execution variable or a <c>Std:Join</c> of them. The result is kept
/// with the execution and is what DescribePipelineExecution answers and <c>{"Get": "PipelineExperimentConfig.X"}</c> reads.
/// </summary>
internal static class ExperimentResolver
{
    /// <summary>Resolves the config of <paramref name="definition"/> for <paramref name="execution"/>.</summary>
    /// <returns>The names, or <see langword="null"/> when the definition has no config (<c>null</c> or absent) or neither member.</returns>
    /// <exception cref="ParameterBindingException">A member cannot be evaluated at start (it reads a step, say) or is not text.</exception>
    public static async Task<ExecutionExperiment?> ResolveAsync(
        PipelineDefinition definition,
        ExecutionRecord execution,
        BoundParameters parameters,
        IObjectStore objects,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (definition.ExperimentConfig is not { } config || (config.ExperimentName is null && config.TrialName is null))
        {
            return null;
        }

        var context = new RunEvaluationContext(definition, execution, parameters, objects, time, new ConcurrentDictionary<string, JsonElement>());
        return new ExecutionExperiment(
            await ResolveAsync(config.ExperimentName, "ExperimentName", context, cancellationToken),
            await ResolveAsync(config.TrialName, "TrialName", context, cancellationToken));
    }

    private static async Task<string?> ResolveAsync(
        PipelineExpression? expression, string member, RunEvaluationContext context, CancellationToken cancellationToken)
    {
        if (expression is null || expression is LiteralExpression { Value.ValueKind: JsonValueKind.Null })
        {
            return null;
        }

        JsonElement value;
        try
        {
            value = await ExpressionEvaluator.EvaluateAsync(expression, context, cancellationToken);
        }
        catch (EvaluationException e)
        {
            throw new ParameterBindingException([$"PipelineExperimentConfig.{member} cannot be resolved when the execution starts: {e.Message}"]);
        }

        if (!PythonText.TryStr(value, out var text, out var error))
        {
            throw new ParameterBindingException([$"PipelineExperimentConfig.{member} must resolve to text, but its value {error}"]);
        }

        return text;
    }
}
