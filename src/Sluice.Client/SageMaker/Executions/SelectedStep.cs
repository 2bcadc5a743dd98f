namespace Sluice.Client.SageMaker.Executions;

/// <summary>A step selected to run in selective execution mode.</summary>
/// <param name="StepName">The name of the pipeline step.</param>
public sealed record SelectedStep(string StepName);
