using System.Text.Json.Nodes;
using Sluice.Sdk.Conditions;
using Sluice.Sdk.Properties;
using Sluice.Sdk.Serialization;

namespace Sluice.Sdk.Steps;

/// <summary>
/// Runs <see cref="IfSteps"/> when every condition holds and <see cref="ElseSteps"/> otherwise. The branches hold the
/// full steps (written nested in <c>IfSteps</c>/<c>ElseSteps</c>, not again in the pipeline's <c>Steps</c>).
/// </summary>
/// <param name="name">The step's name.</param>
public sealed class ConditionStep(string name) : Step(name)
{
    /// <summary>The conditions, all of which must hold.</summary>
    public IList<Condition> Conditions { get; init; } = [];

    /// <summary>The steps that run when the conditions hold.</summary>
    public IList<Step> IfSteps { get; init; } = [];

    /// <summary>The steps that run otherwise.</summary>
    public IList<Step> ElseSteps { get; init; } = [];

    /// <summary>The step's properties: <c>Outcome</c>.</summary>
    public ConditionStepProperties Properties => RootProperties<ConditionStepProperties>();

    /// <inheritdoc />
    public override string StepType => "Condition";

    /// <summary>Writes <c>Conditions</c> only; the branches are written by the compiler, which builds the nested steps.</summary>
    internal override JsonNode WriteArguments(BuildContext context) =>
        new JsonObject { ["Conditions"] = new JsonArray([.. Conditions.Select(c => (JsonNode)c.Write(context))]) };
}
