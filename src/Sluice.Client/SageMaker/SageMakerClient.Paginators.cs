using System.Runtime.CompilerServices;
using Sluice.Client.SageMaker.Executions;
using Sluice.Client.SageMaker.Pipelines;
using Sluice.Client.SageMaker.Steps;

namespace Sluice.Client.SageMaker;

/// <content>Paginators that follow <c>NextToken</c> to the last page, and a waiter for an execution's end.</content>
public sealed partial class SageMakerClient
{
    /// <summary>Every pipeline, page after page (<c>ListPipelines</c>).</summary>
    /// <param name="request">The filters and sort order; <c>NextToken</c> is where to start, usually <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The pipelines.</returns>
    public IAsyncEnumerable<PipelineSummary> ListAllPipelinesAsync(ListPipelinesRequest? request = null, CancellationToken cancellationToken = default) =>
        PaginateAsync(request ?? new ListPipelinesRequest(), (r, token) => r with { NextToken = token }, ListPipelinesAsync, p => p.NextToken, p => p.PipelineSummaries, cancellationToken);

    /// <summary>Every version of a pipeline, page after page (<c>ListPipelineVersions</c>).</summary>
    /// <param name="request">The pipeline, filters and sort order.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The versions.</returns>
    public IAsyncEnumerable<PipelineVersionSummary> ListAllPipelineVersionsAsync(ListPipelineVersionsRequest request, CancellationToken cancellationToken = default) =>
        PaginateAsync(request, (r, token) => r with { NextToken = token }, ListPipelineVersionsAsync, p => p.NextToken, p => p.PipelineVersionSummaries, cancellationToken);

    /// <summary>Every execution of a pipeline, page after page (<c>ListPipelineExecutions</c>).</summary>
    /// <param name="request">The pipeline, filters and sort order.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The executions.</returns>
    public IAsyncEnumerable<PipelineExecutionSummary> ListAllPipelineExecutionsAsync(ListPipelineExecutionsRequest request, CancellationToken cancellationToken = default) =>
        PaginateAsync(request, (r, token) => r with { NextToken = token }, ListPipelineExecutionsAsync, p => p.NextToken, p => p.PipelineExecutionSummaries, cancellationToken);

    /// <summary>Every step of an execution, page after page (<c>ListPipelineExecutionSteps</c>).</summary>
    /// <param name="request">The execution and sort order.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The steps.</returns>
    public IAsyncEnumerable<PipelineExecutionStep> ListAllPipelineExecutionStepsAsync(ListPipelineExecutionStepsRequest request, CancellationToken cancellationToken = default) =>
        PaginateAsync(request, (r, token) => r with { NextToken = token }, ListPipelineExecutionStepsAsync, p => p.NextToken, p => p.PipelineExecutionSteps, cancellationToken);

    /// <summary>Every parameter an execution ran with, page after page (<c>ListPipelineParametersForExecution</c>).</summary>
    /// <param name="request">The execution.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The parameters.</returns>
    public IAsyncEnumerable<Parameter> ListAllPipelineParametersForExecutionAsync(ListPipelineParametersForExecutionRequest request, CancellationToken cancellationToken = default) =>
        PaginateAsync(request, (r, token) => r with { NextToken = token }, ListPipelineParametersForExecutionAsync, p => p.NextToken, p => p.PipelineParameters, cancellationToken);

    /// <summary>
    /// Polls <c>DescribePipelineExecution</c> until the execution has ended (<see cref="PipelineExecutionStatus.IsTerminal"/>:
    /// Succeeded, Failed or Stopped), waiting <paramref name="pollInterval"/> between calls on the transport's clock.
    /// </summary>
    /// <param name="pipelineExecutionArn">The execution.</param>
    /// <param name="pollInterval">The wait between polls.</param>
    /// <param name="cancellationToken">Cancels the wait (use a timeout token to bound it).</param>
    /// <returns>The last description, whose status is final.</returns>
    public async Task<DescribePipelineExecutionResponse> WaitForPipelineExecutionAsync(string pipelineExecutionArn, TimeSpan pollInterval, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pollInterval, TimeSpan.Zero);
        var request = new DescribePipelineExecutionRequest { PipelineExecutionArn = pipelineExecutionArn };
        while (true)
        {
            var execution = await DescribePipelineExecutionAsync(request, cancellationToken).ConfigureAwait(false);
            if (PipelineExecutionStatus.IsTerminal(execution.PipelineExecutionStatus))
            {
                return execution;
            }

            await Task.Delay(pollInterval, Transport.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async IAsyncEnumerable<TItem> PaginateAsync<TRequest, TResponse, TItem>(
        TRequest request,
        Func<TRequest, string?, TRequest> withToken,
        Func<TRequest, CancellationToken, Task<TResponse>> call,
        Func<TResponse, string?> nextToken,
        Func<TResponse, IEnumerable<TItem>?> items,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var page = await call(request, cancellationToken).ConfigureAwait(false);
            foreach (var item in items(page) ?? [])
            {
                yield return item;
            }

            var token = nextToken(page);
            if (string.IsNullOrEmpty(token))
            {
                yield break;
            }

            if (!seen.Add(token))
            {
                throw new InvalidOperationException($"The service returned the NextToken '{token}' a second time; stopping rather than looping forever.");
            }

            request = withToken(request, token);
        }
    }
}
