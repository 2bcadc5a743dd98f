using System.Text.Json;
using Sluice.Definitions.Expressions.Evaluation;

namespace Sluice.Core.Steps;

/// <summary>Evaluates a Condition step's conditions (AND-ed); the engine then runs only the branch taken.</summary>
public sealed class ConditionStepRunner : IStepRunner
{
    /// <inheritdoc />
    public bool UsesJobSlot => false;

    /// <inheritdoc />
    public bool FinishesAtOnce => true;

    /// <inheritdoc />
    public async Task<StepResult> RunAsync(StepRunContext context, CancellationToken cancellationToken)
    {
        bool outcome;
        try
        {
            outcome = await ExpressionEvaluator.EvaluateAllAsync(context.Step.Conditions, context.Evaluation, cancellationToken);
        }
        catch (EvaluationException e)
        {
            return new StepResult.Failed(e.Message, null);
        }

        var text = outcome ? "True" : "False";
        return new StepResult.Succeeded(Json.Parse("{\"Outcome\": \"" + text + "\"}"))
        {
            Metadata = Json.Parse("{\"Condition\": {\"Outcome\": \"" + text + "\"}}"),
        };
    }
}
