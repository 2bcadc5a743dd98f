namespace Sluice.Core.Storage;

/// <summary>
/// What a host may read about pipelines, executions and steps: the read sides of <see cref="IPipelineStore"/> and <see
/// cref="IExecutionStore"/> and nothing that writes. Hosts get it from the engine (PipelineEngine.Queries), so that
/// they read state directly and change it only through the engine.
/// </summary>
public interface IStateQueries : IPipelineReader, IExecutionReader;
