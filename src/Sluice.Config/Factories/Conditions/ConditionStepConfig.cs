using Sluice.Config.Reading;
using Sluice.Sdk.Conditions;
using Sluice.Sdk.Steps;

namespace Sluice.Config.Factories.Conditions;

/// <summary>
/// The config model of <see cref="ConditionStepFactory"/>: <c>conditions</c> (all must hold), and the steps, by
/// <c>step_name</c>, that run when they do (<c>if_steps</c>) or do not (<c>else_steps</c>). Steps in a branch are
/// written inside the Condition step, not at the pipeline's top level.
/// </summary>
/// <example>
/// <code>
/// step_name: CheckMse
/// step_factory_class: ConditionStepFactory
/// conditions:
///   - type: LessThanOrEqualTo
///     left: ${steps.EvaluateModel.property_files.EvaluationReport.regression_metrics.mse.value}
///     right: ${parameters.MseThreshold}
/// if_steps: [RegisterModel, CreateModel]
/// else_steps: [MseTooHigh]
/// </code>
/// </example>
public sealed record ConditionStepConfig
{
    /// <summary>The conditions.</summary>
    public required IReadOnlyList<Condition> Conditions { get; init; }

    /// <summary>The steps that run when the conditions hold.</summary>
    public IReadOnlyList<Step> IfSteps { get; init; } = [];

    /// <summary>The steps that run otherwise.</summary>
    public IReadOnlyList<Step> ElseSteps { get; init; } = [];

    /// <summary>Reads the model from a step's configuration.</summary>
    /// <param name="section">The step file's top level.</param>
    /// <returns>The model.</returns>
    public static ConditionStepConfig Read(ConfigSection section)
    {
        var conditions = section.Sections("conditions").Select(ConditionReader.Read).ToList();
        if (conditions.Count == 0)
        {
            throw section.Missing("conditions");
        }

        var ifSteps = section.Steps("if_steps");
        var elseSteps = section.Steps("else_steps");
        if (ifSteps.Concat(elseSteps).GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw section.Error(elseSteps.Any(s => s.Name == twice.Key) ? "else_steps" : "if_steps", $"step '{twice.Key}' is named twice in the branches");
        }

        return new ConditionStepConfig { Conditions = conditions, IfSteps = ifSteps, ElseSteps = elseSteps };
    }
}
