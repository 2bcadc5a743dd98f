using Sluice.Cli.Output;
using Sluice.Core.Execution;
using Sluice.Core.Storage;

namespace Sluice.Cli.Execution;

/// <summary>
/// Shows executions this process runs (<c>run</c>, <c>resume</c>, <c>retry</c>) until they end, one after another,
/// each with its live table or its lines and its summary; Ctrl-C or SIGTERM stops them gracefully, a second leaves.
/// </summary>
internal static class ExecutionFollower
{
    /// <summary>The exit code when a second signal left before the executions ended (128 + SIGINT, as shells report it).</summary>
    public const int LeftExitCode = 130;

    /// <summary>Follows <paramref name="executions"/> until each ends.</summary>
    /// <returns>Their final records, in order; <see langword="null"/> when a second signal left first.</returns>
    public static async Task<IReadOnlyList<ExecutionRecord>?> FollowAsync(
        PipelineEngine engine, IReadOnlyList<ExecutionRecord> executions, string dataDirectory, bool json, CliIo io, CancellationToken cancellationToken)
    {
        using var signals = new StopSignals(io, () => StopAllAsync(engine, executions));
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, signals.Leave);
        var finals = new List<ExecutionRecord>();
        try
        {
            foreach (var execution in executions)
            {
                var pipeline = await engine.Queries.GetPipelineAsync(execution.PipelineName, execution.PipelineVersion, cancellationToken)
                    ?? throw new ResourceNotFoundException($"Pipeline '{execution.PipelineName}' version {execution.PipelineVersion} no longer exists.");
                var definition = engine.DefinitionOf(pipeline);
                var logs = Path.Combine(Path.GetFullPath(dataDirectory), "logs", execution.ExecutionId);
                var view = new RunView(
                    engine.Queries, execution, definition, io, live: !json && io.OutIsTerminal, progress: json ? io.Error : io.Out, logs,
                    ct => engine.WatchAsync(execution.Arn, cancellationToken: ct));
                var final = await view.FollowAsync(engine.WaitAsync(execution.Arn, linked.Token), linked.Token);
                var steps = await engine.Queries.ListStepsAsync(execution.Arn, cancellationToken);
                if (json)
                {
                    await io.Out.WriteLineAsync(RunJson.Write(final, steps, definition));
                }
                else
                {
                    await view.WriteSummaryAsync(final, steps);
                }

                finals.Add(final);
            }

            return finals;
        }
        catch (OperationCanceledException) when (signals.Left)
        {
            return null;
        }
    }

    /// <summary>The exit code for executions that ended: 1 if one failed, else 3 if one stopped, else 0.</summary>
    public static int ExitCode(IReadOnlyList<ExecutionRecord>? finals) =>
        finals is null ? LeftExitCode
        : finals.Any(f => f.Status == ExecutionStatus.Failed) ? ExitCodes.Invalid
        : finals.Any(f => f.Status == ExecutionStatus.Stopped) ? ExitCodes.Stopped
        : ExitCodes.Success;

    private static async Task StopAllAsync(PipelineEngine engine, IReadOnlyList<ExecutionRecord> executions)
    {
        foreach (var execution in executions)
        {
            try
            {
                await engine.StopExecutionAsync(execution.Arn, CancellationToken.None);
            }
            catch (ConflictException)
            {
                // It ended meanwhile: nothing to stop.
            }
        }
    }
}
