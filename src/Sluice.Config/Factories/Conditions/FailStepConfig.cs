using Sluice.Config.Reading;
using Sluice.Sdk.Expressions;

namespace Sluice.Config.Factories.Conditions;

/// <summary>
/// The config model of <see cref="FailStepFactory"/>: <c>error_message</c>, text (with references, which make a
/// <c>Std:Join</c>) or <c>{join: {on, values}}</c>.
/// </summary>
/// <example>
/// <code>
/// step_name: MseTooHigh
/// step_factory_class: FailStepFactory
/// error_message:
///   join:
///     on: " "
///     values: [MSE, "${steps.EvaluateModel.property_files.EvaluationReport.mse}", is too high]
/// </code>
/// </example>
public sealed record FailStepConfig
{
    /// <summary>The failure reason; empty unless given.</summary>
    public PipelineValue? ErrorMessage { get; init; }

    /// <summary>Reads the model from a step's configuration.</summary>
    /// <param name="section">The step file's top level.</param>
    /// <returns>The model.</returns>
    public static FailStepConfig Read(ConfigSection section) => new() { ErrorMessage = section.OptionalValue("error_message") };
}
