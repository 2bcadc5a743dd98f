using System.Text.Json;
using Sluice.Definitions;

namespace Sluice.Definitions.Expressions.Evaluation;

/// <summary>
/// What <see cref="ExpressionEvaluator"/> reads while it evaluates: the execution's parameters and variables, the
/// pipeline's experiment config, the definitions and finished properties of steps, and JSON documents in the object store.
/// </summary>
public interface IEvaluationContext
{
    /// <summary>The value of a pipeline parameter for this execution: the value given at start, or the default.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <param name="value">Its typed value: a JSON string, number or boolean.</param>
    /// <returns>Whether the parameter has a value.</returns>
    bool TryGetParameter(string name, out JsonElement value);

    /// <summary>The value of an execution variable such as <c>PipelineExecutionId</c> (see <see cref="ExecutionVariables"/>).</summary>
    /// <param name="name">The variable's name, without <c>Execution.</c>.</param>
    /// <param name="value">Its value.</param>
    /// <returns>Whether the variable is available where the expression is evaluated.</returns>
    bool TryGetExecutionVariable(string name, out JsonElement value);

    /// <summary>
    /// A member of the pipeline's <c>PipelineExperimentConfig</c> (<c>ExperimentName</c> or <c>TrialName</c>). The value may
    /// be a literal or, as the SDK writes it, itself an expression such as <c>{"Get": "Execution.PipelineName"}</c>; the
    /// evaluator evaluates it in that case.
    /// </summary>
    /// <param name="name">The member's name.</param>
    /// <param name="value">Its value.</param>
    /// <returns>Whether the config has that member.</returns>
    bool TryGetExperimentConfig(string name, out JsonElement value);

    /// <summary>The definition of a step, top-level or nested in a Condition step's branch.</summary>
    /// <param name="name">The step's name.</param>
    /// <returns>The step, or <see langword="null"/> when the pipeline has no step of that name.</returns>
    StepDefinition? FindStep(string name);

    /// <summary>
    /// The properties of a finished step: its Describe* response (DescribeProcessingJob, DescribeTrainingJob, ...), with
    /// lists such as <c>ProcessingOutputConfig.Outputs</c> kept as lists; <c>{"OutputParameters": {"name": value}}</c> for
    /// Lambda and Callback steps; <c>{"Outcome": "True"}</c> for Condition steps.
    /// </summary>
    /// <param name="stepName">The step's name.</param>
    /// <param name="properties">Its properties.</param>
    /// <returns>Whether the step has finished and has properties.</returns>
    bool TryGetStepProperties(string stepName, out JsonElement properties);

    /// <summary>Reads a JSON document from the object store.</summary>
    /// <param name="s3Uri">The document's <c>s3://bucket/key</c> URI.</param>
    /// <param name="ct">Cancels the read.</param>
    /// <returns>The document's root.</returns>
    /// <exception cref="FileNotFoundException">No object exists at <paramref name="s3Uri"/> (or any other I/O error).</exception>
    /// <exception cref="JsonException">The object is not valid JSON.</exception>
    Task<JsonElement> ReadJsonAsync(string s3Uri, CancellationToken ct);
}
