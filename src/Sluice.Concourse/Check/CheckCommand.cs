using System.Runtime.CompilerServices;
using Sluice.Client.Http;
using Sluice.Client.SageMaker;
using Sluice.Client.SageMaker.Executions;
using Sluice.Concourse.Configuration;
using Sluice.Concourse.Protocol;

namespace Sluice.Concourse.Check;

/// <summary>
/// <c>check</c>: lists the pipeline's executions newest first (every page, as far as needed), keeps those whose status
/// is in <c>source.statuses</c>, and answers the versions <see cref="VersionSelector"/> picks.
/// </summary>
internal static class CheckCommand
{
    /// <summary>Runs a check.</summary>
    /// <param name="request">The request: source and, after the first check, version.</param>
    /// <param name="io">The environment and the log.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The versions, oldest first.</returns>
    /// <exception cref="ResourceException">The source is wrong, or the pipeline does not exist.</exception>
    public static async Task<IReadOnlyList<ExecutionVersion>> RunAsync(ResourceRequest request, ResourceIo io, CancellationToken cancellationToken)
    {
        var source = ResourceSource.Parse(request.Source);
        var previous = ExecutionVersion.From(request.Version);
        using var client = SageMakerConnection.Create(source, io.Environment, io.Log);
        try
        {
            var selected = await VersionSelector.SelectAsync(MatchingAsync(client, source, cancellationToken), previous?.ExecutionArn, cancellationToken).ConfigureAwait(false);
            return [.. selected.Select(arn => new ExecutionVersion(arn))];
        }
        catch (AwsServiceException e) when (e.ErrorCode == "ResourceNotFound")
        {
            throw new ResourceException($"the pipeline '{source.Pipeline.Name}' does not exist at {client.Transport.Endpoint}: {e.Message}", e);
        }
    }

    /// <summary>The ARNs of the executions whose status counts, newest first.</summary>
    private static async IAsyncEnumerable<string> MatchingAsync(SageMakerClient client, ResourceSource source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new ListPipelineExecutionsRequest
        {
            PipelineName = source.Pipeline.Name,
            SortBy = "CreationTime",
            SortOrder = "Descending",
        };
        await foreach (var execution in client.ListAllPipelineExecutionsAsync(request, cancellationToken).ConfigureAwait(false))
        {
            if (execution.PipelineExecutionArn is { } arn && source.Statuses.Contains(execution.PipelineExecutionStatus ?? string.Empty))
            {
                yield return arn;
            }
        }
    }
}
