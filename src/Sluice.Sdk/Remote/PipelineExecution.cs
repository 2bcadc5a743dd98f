using Sluice.Client.Http;
using Sluice.Client.SageMaker;
using Sluice.Client.SageMaker.Executions;
using Sluice.Client.SageMaker.Steps;

namespace Sluice.Sdk.Remote;

/// <summary>
/// One execution of a pipeline, on <c>sluice serve</c> or SageMaker: what <see cref="Pipeline.StartAsync"/> returns,
/// or any execution by its ARN. The Python SDK's <c>_PipelineExecution</c>: describe, list steps and parameters, wait,
/// stop.
/// </summary>
public sealed class PipelineExecution
{
    private TimeSpan _pollDelay = TimeSpan.FromSeconds(1);
    private TimeSpan _maxPollDelay = TimeSpan.FromSeconds(30);

    /// <summary>Refers to an execution.</summary>
    /// <param name="client">The client to call the service with (not disposed by this object).</param>
    /// <param name="arn">The execution's ARN.</param>
    public PipelineExecution(SageMakerClient client, string arn)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(arn);
        Client = client;
        Arn = arn;
    }

    /// <summary>The client the service is called with.</summary>
    public SageMakerClient Client { get; }

    /// <summary>The execution's ARN.</summary>
    public string Arn { get; }

    /// <summary>The first wait between two polls of <see cref="WaitAsync"/>; each wait doubles it, up to <see cref="MaxPollDelay"/>. 1 second unless set.</summary>
    public TimeSpan PollDelay
    {
        get => _pollDelay;
        set => _pollDelay = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "the delay must be positive");
    }

    /// <summary>The longest wait between two polls of <see cref="WaitAsync"/>. 30 seconds unless set.</summary>
    public TimeSpan MaxPollDelay
    {
        get => _maxPollDelay;
        set => _maxPollDelay = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "the delay must be positive");
    }

    /// <summary>Describes the execution (<c>DescribePipelineExecution</c>): status, failure reason, times.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The description.</returns>
    /// <exception cref="AwsServiceException">The service refused, e.g. <c>ResourceNotFound</c>.</exception>
    public Task<DescribePipelineExecutionResponse> DescribeAsync(CancellationToken cancellationToken = default) =>
        Client.DescribePipelineExecutionAsync(new DescribePipelineExecutionRequest { PipelineExecutionArn = Arn }, cancellationToken);

    /// <summary>The execution's steps, every page (<c>ListPipelineExecutionSteps</c>), newest first as the service lists them.</summary>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The steps that have started, with their status, failure reason and metadata.</returns>
    /// <exception cref="AwsServiceException">The service refused, e.g. <c>ResourceNotFound</c>.</exception>
    public Task<IReadOnlyList<PipelineExecutionStep>> ListStepsAsync(CancellationToken cancellationToken = default) =>
        ListStepsAsync(sortOrder: null, cancellationToken);

    /// <summary>The parameter values the execution runs with, defaults included, every page (<c>ListPipelineParametersForExecution</c>).</summary>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The name/value pairs, as text.</returns>
    /// <exception cref="AwsServiceException">The service refused, e.g. <c>ResourceNotFound</c>.</exception>
    public async Task<IReadOnlyList<Parameter>> ParametersAsync(CancellationToken cancellationToken = default)
    {
        var parameters = new List<Parameter>();
        await foreach (var parameter in Client.ListAllPipelineParametersForExecutionAsync(
            new ListPipelineParametersForExecutionRequest { PipelineExecutionArn = Arn }, cancellationToken).ConfigureAwait(false))
        {
            parameters.Add(parameter);
        }

        return parameters;
    }

    /// <summary>
    /// Asks the service to stop the execution (<c>StopPipelineExecution</c>). It goes <c>Stopping</c>, then
    /// <c>Stopped</c> once its running steps have stopped; a Callback step stops when its token is answered.
    /// <see cref="WaitAsync"/> waits for that.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the service has accepted the request.</returns>
    /// <exception cref="AwsServiceException">The service refused, e.g. <c>ConflictException</c> when the execution has ended.</exception>
    public async Task StopAsync(CancellationToken cancellationToken = default) =>
        await Client.StopPipelineExecutionAsync(new StopPipelineExecutionRequest { PipelineExecutionArn = Arn }, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Polls until the execution has ended (Succeeded, Failed or Stopped), waiting <see cref="PollDelay"/> after the
    /// first poll and twice as long after each next one, up to <see cref="MaxPollDelay"/>, on the client's clock
    /// (<see cref="AwsJsonClient.TimeProvider"/>). A failed execution is returned, not thrown: read its
    /// <c>PipelineExecutionStatus</c> and <c>FailureReason</c>.
    /// </summary>
    /// <param name="timeout">How long to wait at most; without limit when <see langword="null"/>. Reaching it leaves the execution running.</param>
    /// <param name="stepProgress">When set, told of each step that has started or changed status since the previous poll, in the order the steps started (one more listing per poll).</param>
    /// <param name="cancellationToken">Stops waiting (the execution goes on).</param>
    /// <returns>The last description, whose status is final.</returns>
    /// <exception cref="TimeoutException">The execution had not ended within <paramref name="timeout"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="AwsServiceException">The service refused, e.g. <c>ResourceNotFound</c>.</exception>
    public async Task<DescribePipelineExecutionResponse> WaitAsync(
        TimeSpan? timeout = null, IProgress<PipelineExecutionStep>? stepProgress = null, CancellationToken cancellationToken = default)
    {
        if (timeout is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(limit, TimeSpan.Zero, nameof(timeout));
        }

        var time = Client.Transport.TimeProvider;
        using var deadline = timeout is { } t ? new CancellationTokenSource(t, time) : null;
        using var linked = deadline is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var token = linked?.Token ?? cancellationToken;
        var changes = stepProgress is null ? null : new StepChanges(stepProgress);
        DescribePipelineExecutionResponse? last = null;
        try
        {
            for (var delay = PollDelay; ; delay = Min(delay * 2, MaxPollDelay))
            {
                last = await DescribeAsync(token).ConfigureAwait(false);
                if (changes is not null)
                {
                    changes.Report(await ListStepsAsync(SortOrder.Ascending, token).ConfigureAwait(false));
                }

                if (PipelineExecutionStatus.IsTerminal(last.PipelineExecutionStatus))
                {
                    return last;
                }

                await Task.Delay(delay, time, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException e) when (deadline?.IsCancellationRequested == true && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"pipeline execution {Arn} had not ended after {timeout}; it was {last?.PipelineExecutionStatus ?? "not described yet"}", e);
        }
    }

    /// <inheritdoc />
    public override string ToString() => Arn;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private async Task<IReadOnlyList<PipelineExecutionStep>> ListStepsAsync(string? sortOrder, CancellationToken cancellationToken)
    {
        var steps = new List<PipelineExecutionStep>();
        await foreach (var step in Client.ListAllPipelineExecutionStepsAsync(
            new ListPipelineExecutionStepsRequest { PipelineExecutionArn = Arn, SortOrder = sortOrder }, cancellationToken).ConfigureAwait(false))
        {
            steps.Add(step);
        }

        return steps;
    }

    /// <summary>The values of <c>SortOrder</c>.</summary>
    private static class SortOrder
    {
        public const string Ascending = "Ascending";
    }
}
