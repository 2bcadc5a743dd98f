using Sluice.Definitions.Expressions.Evaluation;

namespace Sluice.Core.Steps;

/// <summary>Ends the execution as Failed with the step's evaluated ErrorMessage.</summary>
public sealed class FailStepRunner : IStepRunner
{
    /// <inheritdoc />
    public bool UsesJobSlot => false;

    /// <inheritdoc />
    public bool FinishesAtOnce => true;

    /// <inheritdoc />
    public async Task<StepResult> RunAsync(StepRunContext context, CancellationToken cancellationToken)
    {
        string message;
        try
        {
            message = context.Step.ErrorMessage is { } expression
                ? Json.ToText(await ExpressionEvaluator.EvaluateAsync(expression, context.Evaluation, cancellationToken))
                : string.Empty;
        }
        catch (EvaluationException e)
        {
            return new StepResult.Failed(e.Message, null);
        }

        return new StepResult.Failed(message, null)
        {
            ExecutionFailureReason = message,
            Metadata = Json.Parse(System.Text.Json.JsonSerializer.Serialize(
                new Dictionary<string, Dictionary<string, string>> { ["Fail"] = new() { ["ErrorMessage"] = message } },
                CoreJsonContext.Default.DictionaryStringDictionaryStringString)),
        };
    }
}
