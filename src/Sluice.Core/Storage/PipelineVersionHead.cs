namespace Sluice.Core.Storage;

/// <summary>
/// What StartPipelineExecution needs to know of a pipeline version on every start, without its definition: which
/// version is the latest (or whether the one asked for is stored), its ARN and its parallelism limit. A start reads
/// this each time and the definition only for a version it has not seen (a version's definition never changes).
/// </summary>
/// <param name="Arn">The pipeline's ARN.</param>
/// <param name="Version">The version.</param>
/// <param name="MaxParallelExecutionSteps">The version's parallelism limit.</param>
public sealed record PipelineVersionHead(string Arn, long Version, int? MaxParallelExecutionSteps);
