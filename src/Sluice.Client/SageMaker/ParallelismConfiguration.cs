namespace Sluice.Client.SageMaker;

/// <summary>Configuration that controls the parallelism of the pipeline.</summary>
/// <param name="MaxParallelExecutionSteps">The max number of steps that can be executed in parallel.</param>
public sealed record ParallelismConfiguration(int MaxParallelExecutionSteps);
