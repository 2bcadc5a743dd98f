using System.Text.Json.Nodes;
using Sluice.Sdk.Serialization;

namespace Sluice.Sdk.Conditions;

/// <summary>
/// A condition of a <see cref="Steps.ConditionStep"/>. Build one with the classes named as in the Python SDK
/// (<see cref="ConditionGreaterThanOrEqualTo"/>, <see cref="ConditionIn"/>, ...), with the comparison operators on
/// values (<c>mse &lt;= threshold</c>), or with <see cref="Not"/>, <see cref="Or"/>, <c>!</c> and <c>|</c>.
/// </summary>
public abstract class Condition
{
    private protected Condition()
    {
    }

    /// <summary>The condition's <c>Type</c> in the definition, e.g. <c>LessThanOrEqualTo</c>.</summary>
    public abstract string ConditionType { get; }

    /// <summary><c>!condition</c>: a <see cref="ConditionNot"/>.</summary>
    /// <param name="condition">The condition to negate.</param>
    /// <returns>The negation.</returns>
    public static Condition operator !(Condition condition) => Not(condition);

    /// <summary><c>left | right</c>: a <see cref="ConditionOr"/> (nested ORs are flattened).</summary>
    /// <param name="left">The first condition.</param>
    /// <param name="right">The second condition.</param>
    /// <returns>The disjunction.</returns>
    public static Condition operator |(Condition left, Condition right) => Or(left, right);

    /// <summary>The negation of a condition: a <see cref="ConditionNot"/>.</summary>
    /// <param name="condition">The condition to negate.</param>
    /// <returns>The negation.</returns>
    public static Condition Not(Condition condition) => new ConditionNot(condition);

    /// <summary>Whether any of the conditions holds: a <see cref="ConditionOr"/> (nested ORs are flattened).</summary>
    /// <param name="conditions">The conditions.</param>
    /// <returns>The disjunction.</returns>
    public static Condition Or(params IEnumerable<Condition> conditions) =>
        new ConditionOr(conditions.SelectMany(c => c is ConditionOr or ? or.Conditions : [c]));

    /// <summary>The condition as the definition writes it.</summary>
    /// <returns>A new JSON object.</returns>
    public JsonObject ToJson() => Write(BuildContext.Detached);

    /// <summary>Writes the condition, telling <paramref name="context"/> which steps it reads from.</summary>
    internal abstract JsonObject Write(BuildContext context);
}
