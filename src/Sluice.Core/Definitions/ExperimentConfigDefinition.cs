using Sluice.Definitions.Expressions;

namespace Sluice.Definitions;

/// <summary>The definition's <c>PipelineExperimentConfig</c>: where an execution's runs are recorded.</summary>
/// <param name="ExperimentName">The experiment's name, usually <c>{"Get": "Execution.PipelineName"}</c>.</param>
/// <param name="TrialName">The trial's name, usually <c>{"Get": "Execution.PipelineExecutionId"}</c>.</param>
public sealed record ExperimentConfigDefinition(PipelineExpression? ExperimentName, PipelineExpression? TrialName);
