namespace Sluice.Sdk.Local;

/// <summary>Runs a <see cref="Pipeline"/> on this machine.</summary>
public static class LocalPipelineExtensions
{
    /// <summary>
    /// Runs the pipeline on this machine with the Sluice engine, without a server: uploads its local code into the data
    /// directory's object store, stores the definition as a pipeline version, starts an execution and waits for it.
    /// </summary>
    /// <param name="pipeline">The pipeline.</param>
    /// <param name="options">The data directory, parameter values and configuration; the defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the execution (gracefully: it ends Stopped).</param>
    /// <returns>The execution's final status and its steps.</returns>
    /// <exception cref="PipelineValidationException">When the definition is not valid.</exception>
    public static Task<LocalRunResult> RunLocallyAsync(this Pipeline pipeline, LocalRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return LocalRunner.RunAsync(pipeline, options ?? new LocalRunOptions(), cancellationToken);
    }
}
