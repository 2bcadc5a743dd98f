using System.Text.Json;

namespace Sluice.Definitions.Expressions.Evaluation;

// The conditions of Condition steps.
public static partial class ExpressionEvaluator
{
    /// <summary>
    /// Evaluates a condition. The rules follow the SDK's <c>_ConditionStepExecutor</c>, which applies Python's operators
    /// to the evaluated operands:
    /// <list type="bullet">
    /// <item><c>Equals</c> fails when the operands are of different kinds, as the SDK fails a step whose operands are
    /// "not of the same type"; otherwise compares deeply. Integers and floats are one kind and compare numerically
    /// (<c>1</c> equals <c>1.0</c>), where the SDK's <c>isinstance</c> check would reject int against float: JSON does
    /// not keep that distinction reliably (a Float parameter given as <c>6</c>), and Python's <c>==</c> agrees.</item>
    /// <item><c>GreaterThan</c>, <c>GreaterThanOrEqualTo</c>, <c>LessThan</c> and <c>LessThanOrEqualTo</c> order two
    /// numbers, or two strings by Unicode code point, as Python's operators do. Any other pair fails, naming both
    /// operands and their kinds, where Python raises a <c>TypeError</c> the SDK turns into a step failure.</item>
    /// <item><c>In</c> is true when the query value equals one of the values by the rules of <c>Equals</c>; a value of
    /// another kind is simply not equal, as Python's <c>in</c> never raises.</item>
    /// <item><c>Not</c> negates; <c>Or</c> is true when any of its conditions is, and stops at the first that is.</item>
    /// <item>Booleans are a kind of their own: unlike Python, where <c>bool</c> is an <c>int</c>, <c>true</c> neither
    /// equals nor orders against <c>1</c>. Strings that look like numbers are not converted; <c>"5"</c> is a string.</item>
    /// </list>
    /// Operands are evaluated when their condition is reached, so a branch of <c>Or</c> after a true one, or a condition
    /// after a false one in an AND-ed list, is not evaluated (the SDK evaluates every operand first).
    /// </summary>
    /// <param name="condition">The condition.</param>
    /// <param name="context">What its operands read.</param>
    /// <param name="ct">Cancels reads from the object store.</param>
    /// <returns>Whether the condition holds.</returns>
    /// <exception cref="EvaluationException">
    /// An operand cannot be evaluated, or the operands cannot be compared; the message names the expression or condition.
    /// </exception>
    public static Task<bool> EvaluateAsync(PipelineCondition condition, IEvaluationContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(context);
        return EvaluateConditionAsync(condition, context, ct).AsTask();
    }

    /// <summary>
    /// Evaluates a Condition step's conditions, AND-ed: true when all hold (and for an empty list), stopping at the first
    /// that does not. See <see cref="EvaluateAsync(PipelineCondition, IEvaluationContext, CancellationToken)"/> for the rules.
    /// </summary>
    /// <param name="conditions">The conditions.</param>
    /// <param name="context">What their operands read.</param>
    /// <param name="ct">Cancels reads from the object store.</param>
    /// <returns>Whether every condition holds.</returns>
    /// <exception cref="EvaluationException">A condition cannot be evaluated; the message names it.</exception>
    public static async Task<bool> EvaluateAllAsync(
        IReadOnlyList<PipelineCondition> conditions,
        IEvaluationContext context,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        ArgumentNullException.ThrowIfNull(context);
        foreach (var condition in conditions)
        {
            if (!await EvaluateConditionAsync(condition, context, ct))
            {
                return false;
            }
        }

        return true;
    }

    private static async ValueTask<bool> EvaluateConditionAsync(
        PipelineCondition condition,
        IEvaluationContext context,
        CancellationToken ct)
    {
        switch (condition)
        {
            case ComparisonCondition comparison:
                var left = await EvaluateCoreAsync(comparison.Left, context, ct);
                var right = await EvaluateCoreAsync(comparison.Right, context, ct);
                return Compare(comparison, left, right);
            case InCondition @in:
                var query = await EvaluateCoreAsync(@in.Query, context, ct);
                foreach (var candidate in @in.Values)
                {
                    if (JsonValueComparer.AreEqual(query, await EvaluateCoreAsync(candidate, context, ct)))
                    {
                        return true;
                    }
                }

                return false;
            case NotCondition not:
                return !await EvaluateConditionAsync(not.Inner, context, ct);
            case OrCondition or:
                foreach (var alternative in or.Conditions)
                {
                    if (await EvaluateConditionAsync(alternative, context, ct))
                    {
                        return true;
                    }
                }

                return false;
            default:
                throw new EvaluationException(ExpressionText.Of(condition), "Sluice cannot evaluate this kind of condition");
        }
    }

    private static bool Compare(ComparisonCondition comparison, JsonElement left, JsonElement right)
    {
        if (comparison.Operator == ComparisonOperator.Equals)
        {
            if (!JsonValueComparer.SameKind(left, right))
            {
                throw new EvaluationException(ExpressionText.Of(comparison),
                    $"LeftValue {JsonValues.Show(left)} and RightValue {JsonValues.Show(right)} are not of the same type");
            }

            return JsonValueComparer.AreEqual(left, right);
        }

        if (!JsonValueComparer.TryCompare(left, right, out var order))
        {
            throw new EvaluationException(ExpressionText.Of(comparison),
                $"{comparison.Operator} cannot compare LeftValue {JsonValues.Show(left)} with RightValue {JsonValues.Show(right)}; "
                + "it compares two numbers or two strings");
        }

        return comparison.Operator switch
        {
            ComparisonOperator.GreaterThan => order > 0,
            ComparisonOperator.GreaterThanOrEqualTo => order >= 0,
            ComparisonOperator.LessThan => order < 0,
            ComparisonOperator.LessThanOrEqualTo => order <= 0,
            _ => throw new EvaluationException(ExpressionText.Of(comparison), $"'{comparison.Operator}' is not a comparison Sluice knows"),
        };
    }
}
