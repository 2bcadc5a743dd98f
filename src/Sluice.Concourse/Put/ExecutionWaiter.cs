using System.Globalization;
using Sluice.Client.SageMaker;
using Sluice.Client.SageMaker.Executions;
using Sluice.Client.SageMaker.Steps;
using Sluice.Concourse.Configuration;

namespace Sluice.Concourse.Put;

/// <summary>
/// Blocks until an execution ends, polling DescribePipelineExecution and ListPipelineExecutionSteps, and logs each
/// step as it starts, changes status and ends (with its failure reason), so the build log follows the pipeline.
/// </summary>
/// <param name="client">The SageMaker client.</param>
/// <param name="log">The build log.</param>
/// <param name="time">The clock for the timeout and the waits.</param>
internal sealed class ExecutionWaiter(SageMakerClient client, TextWriter log, TimeProvider time)
{
    private readonly Dictionary<string, string> _reported = new(StringComparer.Ordinal);

    /// <summary>Waits for the execution to end.</summary>
    /// <param name="arn">The execution.</param>
    /// <param name="timeout">How long to wait at most, or <see langword="null"/> for as long as it takes.</param>
    /// <param name="pollInterval">How long to wait between looks.</param>
    /// <param name="cancellationToken">Cancels the wait (Concourse aborting the build); the execution goes on.</param>
    /// <returns>The last description, whose status is Succeeded, Failed or Stopped.</returns>
    /// <exception cref="ResourceException">The timeout passed first; the execution goes on running.</exception>
    public async Task<DescribePipelineExecutionResponse> WaitAsync(string arn, TimeSpan? timeout, TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        await log.WriteLineAsync($"Waiting for the execution to end{(timeout is { } t ? $" (at most {Duration.Format(t)})" : string.Empty)}...").ConfigureAwait(false);
        while (true)
        {
            var execution = await client.DescribePipelineExecutionAsync(new() { PipelineExecutionArn = arn }, cancellationToken).ConfigureAwait(false);
            await ReportStepsAsync(arn, time.GetElapsedTime(started), cancellationToken).ConfigureAwait(false);
            var status = execution.PipelineExecutionStatus ?? "?";
            if (PipelineExecutionStatus.IsTerminal(status))
            {
                await log.WriteLineAsync($"Execution {Ansi.Status(status)} after {Duration.Format(time.GetElapsedTime(started))}.").ConfigureAwait(false);
                return execution;
            }

            var elapsed = time.GetElapsedTime(started);
            var delay = pollInterval;
            if (timeout is { } limit)
            {
                if (elapsed >= limit)
                {
                    throw new ResourceException(
                        $"gave up waiting after {Duration.Format(limit)} (params.wait_timeout): the execution {arn} is still {status}, and goes on running.");
                }

                delay = limit - elapsed < delay ? limit - elapsed : delay;
            }

            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Logs every step whose status changed since the last look, first started first.</summary>
    private async Task ReportStepsAsync(string arn, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        var request = new ListPipelineExecutionStepsRequest { PipelineExecutionArn = arn, SortOrder = "Ascending" };
        await foreach (var step in client.ListAllPipelineExecutionStepsAsync(request, cancellationToken).ConfigureAwait(false))
        {
            var name = step.StepName ?? "?";
            var status = step.StepStatus ?? "?";
            if (_reported.TryGetValue(name, out var last) && last == status)
            {
                continue;
            }

            _reported[name] = status;
            var reason = status == StepStatus.Failed && !string.IsNullOrEmpty(step.FailureReason) ? $": {step.FailureReason}" : string.Empty;
            var seconds = elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
            await log.WriteLineAsync($"[{seconds,7}s] {name,-32} {Ansi.Status(status)}{reason}").ConfigureAwait(false);
        }
    }
}
