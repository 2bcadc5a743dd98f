using Sluice.Core.Execution;
using Sluice.Core.Hosting;
using Sluice.Core.Storage;


namespace Sluice.Sdk.Local;

/// <summary>Runs a pipeline through the engine in this process, as <c>sluice run</c> does, without a server.</summary>
internal static class LocalRunner
{
    public static async Task<LocalRunResult> RunAsync(Pipeline pipeline, LocalRunOptions options, CancellationToken cancellationToken)
    {
        var definition = pipeline.ToDefinitionJson();
        await using var host = await SluiceHost.StartAsync(
            new SluiceHostOptions { DataDirectory = options.DataDirectory, Configuration = options.Configuration, DefaultRegion = pipeline.Session.Region },
            cancellationToken);
        var engine = host.Engine;
        if (options.UploadCode)
        {
            await pipeline.UploadCodeAsync(new ObjectStoreCodeUploader(engine.Objects), cancellationToken);
        }

        await engine.SavePipelineAsync(pipeline.Name, definition, options.RoleArn, null, null, null, cancellationToken);
        var execution = await engine.StartExecutionAsync(
            new StartExecutionRequest
            {
                PipelineName = pipeline.Name,
                Parameters = [.. options.Parameters.Select(p => new ParameterValue(p.Key, p.Value))],
                MaxParallelExecutionSteps = options.MaxParallelExecutionSteps,
            },
            cancellationToken);

        ExecutionRecord final;
        try
        {
            final = await engine.WaitAsync(execution.Arn, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stop gracefully, as Ctrl-C does for sluice run, and report how it ended.
            try
            {
                await engine.StopExecutionAsync(execution.Arn, CancellationToken.None);
            }
            catch (ConflictException)
            {
                // it ended meanwhile
            }

            final = await engine.WaitAsync(execution.Arn, CancellationToken.None);
        }

        var steps = await host.Store.ListStepsAsync(execution.Arn, CancellationToken.None);
        return new LocalRunResult(
            final.Arn,
            final.Status,
            final.FailureReason,
            [.. steps.Select(s => new LocalStepResult(
                s.StepName, s.StepType, s.Status, s.FailureReason, s.AttemptCount, s.CacheSourceExecutionArn is not null, s.PropertiesJson))]);
    }
}
