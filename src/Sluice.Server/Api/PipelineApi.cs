using Sluice.Client.SageMaker;
using Sluice.Client.SageMaker.Executions;
using Sluice.Client.SageMaker.Pipelines;
using Sluice.Core.Execution;
using Sluice.Core.Storage;
using Sluice.Definitions;

namespace Sluice.Server.Api;

/// <summary>
/// The SageMaker pipeline operations, over the engine. Each reads its request as the wire type the client writes and
/// answers with the wire type the client reads (<see cref="Operation"/>); engine errors become SageMaker's error codes.
/// </summary>
/// <param name="engine">The engine.</param>
public sealed partial class PipelineApi(PipelineEngine engine)
{
    private const int MaxDefinitionLength = 1_048_576;

    private static SageMakerJsonContext Wire => SageMakerJsonContext.Default;

    /// <summary>ListPipelineExecutions items of ended executions, kept as UTF-8 JSON.</summary>
    private readonly ExecutionItems executionItems = new();

    private IStateQueries Queries => engine.Queries;

    /// <summary>The operations by name, as <c>X-Amz-Target: SageMaker.&lt;name&gt;</c> gives them.</summary>
    public IReadOnlyDictionary<string, Func<ApiRequest, CancellationToken, Task<string>>> Operations => new Dictionary<string, Func<ApiRequest, CancellationToken, Task<string>>>(StringComparer.Ordinal)
    {
        ["CreatePipeline"] = Operation.Of(Wire.CreatePipelineRequest, Wire.CreatePipelineResponse, CreatePipelineAsync),
        ["UpdatePipeline"] = Operation.Of(Wire.UpdatePipelineRequest, Wire.UpdatePipelineResponse, UpdatePipelineAsync),
        ["DescribePipeline"] = Operation.Of(Wire.DescribePipelineRequest, Wire.DescribePipelineResponse, DescribePipelineAsync),
        ["ListPipelines"] = Operation.Of(Wire.ListPipelinesRequest, Wire.ListPipelinesResponse, ListPipelinesAsync),
        ["DeletePipeline"] = Operation.Of(Wire.DeletePipelineRequest, Wire.DeletePipelineResponse, DeletePipelineAsync),
        ["ListPipelineVersions"] = Operation.Of(Wire.ListPipelineVersionsRequest, Wire.ListPipelineVersionsResponse, ListPipelineVersionsAsync),
        ["UpdatePipelineVersion"] = Operation.Of(Wire.UpdatePipelineVersionRequest, Wire.UpdatePipelineVersionResponse, UpdatePipelineVersionAsync),
        ["UpdatePipelineExecution"] = Operation.Of(Wire.UpdatePipelineExecutionRequest, Wire.UpdatePipelineExecutionResponse, UpdatePipelineExecutionAsync),
        ["StartPipelineExecution"] = StartPipelineExecutionAsync,
        ["StopPipelineExecution"] = Operation.Of(Wire.StopPipelineExecutionRequest, Wire.StopPipelineExecutionResponse, StopPipelineExecutionAsync),
        ["RetryPipelineExecution"] = Operation.Of(Wire.RetryPipelineExecutionRequest, Wire.RetryPipelineExecutionResponse, RetryPipelineExecutionAsync),
        ["DescribePipelineExecution"] = Operation.Of(Wire.DescribePipelineExecutionRequest, Wire.DescribePipelineExecutionResponse, DescribePipelineExecutionAsync),
        ["ListPipelineExecutions"] = Operation.Written<ListPipelineExecutionsRequest, ExecutionListAnswer>(Wire.ListPipelineExecutionsRequest, ListPipelineExecutionsAsync, (writer, answer) => answer.Write(writer, executionItems)),
        ["ListPipelineExecutionSteps"] = Operation.Of(Wire.ListPipelineExecutionStepsRequest, Wire.ListPipelineExecutionStepsResponse, ListPipelineExecutionStepsAsync),
        ["ListPipelineParametersForExecution"] = Operation.Of(Wire.ListPipelineParametersForExecutionRequest, Wire.ListPipelineParametersForExecutionResponse, ListPipelineParametersForExecutionAsync),
        ["DescribePipelineDefinitionForExecution"] = Operation.Of(Wire.DescribePipelineDefinitionForExecutionRequest, Wire.DescribePipelineDefinitionForExecutionResponse, DescribePipelineDefinitionForExecutionAsync),
        ["SendPipelineExecutionStepSuccess"] = Operation.Of(Wire.SendPipelineExecutionStepSuccessRequest, Wire.SendPipelineExecutionStepSuccessResponse, SendStepSuccessAsync),
        ["SendPipelineExecutionStepFailure"] = Operation.Of(Wire.SendPipelineExecutionStepFailureRequest, Wire.SendPipelineExecutionStepFailureResponse, SendStepFailureAsync),
    };

    private async Task<CreatePipelineResponse> CreatePipelineAsync(CreatePipelineRequest request, CancellationToken cancellationToken)
    {
        var settings = await SettingsAsync(request.PipelineDefinition, request.PipelineDefinitionS3Location, cancellationToken) with
        {
            RoleArn = request.RoleArn,
            Description = request.PipelineDescription,
            DisplayName = request.PipelineDisplayName,
            MaxParallelExecutionSteps = request.ParallelismConfiguration?.MaxParallelExecutionSteps,
        };
        if (settings.DefinitionText is null)
        {
            throw ApiException.Validation("Give PipelineDefinition or PipelineDefinitionS3Location.");
        }

        try
        {
            var pipeline = await Definition(() => engine.CreatePipelineAsync(request.PipelineName, settings, cancellationToken));
            if (engine.Store is ITagStore tags && request.Tags is { Count: > 0 } given)
            {
                await tags.AddTagsAsync(pipeline.Arn, TagApi.Of(given), cancellationToken);
            }

            return new CreatePipelineResponse { PipelineArn = pipeline.Arn };
        }
        catch (PipelineExistsException)
        {
            // The SageMaker Python SDK's upsert() falls back to UpdatePipeline on exactly this.
            throw ApiException.Validation($"Pipeline names must be unique within an AWS account and region. Pipeline with name ({request.PipelineName}) already exists.");
        }
    }

    private async Task<UpdatePipelineResponse> UpdatePipelineAsync(UpdatePipelineRequest request, CancellationToken cancellationToken)
    {
        var settings = await SettingsAsync(request.PipelineDefinition, request.PipelineDefinitionS3Location, cancellationToken) with
        {
            RoleArn = request.RoleArn,
            Description = request.PipelineDescription,
            DisplayName = request.PipelineDisplayName,
            MaxParallelExecutionSteps = request.ParallelismConfiguration?.MaxParallelExecutionSteps,
        };
        var pipeline = await Engine(() => Definition(() => engine.UpdatePipelineAsync(request.PipelineName, settings, cancellationToken)));
        return new UpdatePipelineResponse { PipelineArn = pipeline.Arn, PipelineVersionId = pipeline.Version };
    }

    /// <summary>The definition a CreatePipeline or UpdatePipeline request gives, inline or from the object store; <see langword="null"/> when neither.</summary>
    private async Task<PipelineSettings> SettingsAsync(string? definition, PipelineDefinitionS3Location? location, CancellationToken cancellationToken)
    {
        if (definition is { Length: > MaxDefinitionLength })
        {
            throw ApiException.Validation($"1 validation error detected: Value at 'pipelineDefinition' failed to satisfy constraint: Member must have length less than or equal to {MaxDefinitionLength}");
        }

        if (location is not null)
        {
            if (definition is not null)
            {
                throw ApiException.Validation("Give PipelineDefinition or PipelineDefinitionS3Location, not both.");
            }

            var uri = $"s3://{location.Bucket}/{location.ObjectKey}";
            try
            {
                definition = await engine.Objects.ReadTextAsync(uri, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                throw ApiException.Validation($"PipelineDefinitionS3Location {uri} cannot be read: {e.Message}");
            }
        }

        return new PipelineSettings { DefinitionText = definition };
    }

    /// <summary>Runs a call that validates a definition, answering its errors as SageMaker words them.</summary>
    private static async Task<T> Definition<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (InvalidDefinitionException e)
        {
            throw ApiException.Validation("Unable to parse pipeline definition. " + string.Join("; ", e.Diagnostics.Where(d => d.Severity == Definitions.Validation.DiagnosticSeverity.Error)));
        }
    }

    private async Task<DescribePipelineResponse> DescribePipelineAsync(DescribePipelineRequest request, CancellationToken cancellationToken)
    {
        var name = Arns.PipelineName(request.PipelineName);
        var pipeline = await Queries.GetPipelineAsync(name, request.PipelineVersionId, cancellationToken)
            ?? throw new ApiException("ResourceNotFound", $"Pipeline '{name}' does not exist.");
        return new DescribePipelineResponse
        {
            PipelineArn = pipeline.Arn,
            PipelineName = pipeline.Name,
            PipelineDisplayName = pipeline.DisplayName ?? pipeline.Name,
            PipelineDefinition = pipeline.DefinitionText,
            PipelineDescription = pipeline.Description,
            RoleArn = pipeline.RoleArn,
            PipelineStatus = "Active",
            CreationTime = pipeline.CreationTime,
            LastModifiedTime = pipeline.LastModifiedTime,
            LastRunTime = await Queries.GetLastExecutionTimeAsync(name, cancellationToken),
            CreatedBy = WireShapes.User(pipeline.Arn),
            LastModifiedBy = WireShapes.User(pipeline.Arn),
            ParallelismConfiguration = pipeline.MaxParallelExecutionSteps is { } parallelism ? new ParallelismConfiguration(parallelism) : null,
            PipelineVersionDisplayName = pipeline.VersionDisplayName,
            PipelineVersionDescription = pipeline.VersionDescription,
        };
    }

    /// <summary>
    /// Pipelines whose name starts with PipelineNamePrefix, created after CreatedAfter and before CreatedBefore (both
    /// exclusive, to the millisecond the list gives), sorted by CreationTime (default) or Name, Descending by default.
    /// The page's LastExecutionTimes are one read of the store, whatever the page's size.
    /// </summary>
    private async Task<ListPipelinesResponse> ListPipelinesAsync(ListPipelinesRequest request, CancellationToken cancellationToken)
    {
        var prefix = request.PipelineNamePrefix ?? string.Empty;
        var pipelines = (await Queries.ListPipelinesAsync(cancellationToken))
            .Where(p => p.Name.StartsWith(prefix, StringComparison.Ordinal) && Paging.InRange(p.CreationTime, request.CreatedAfter, request.CreatedBefore));
        var sorted = (request.SortBy == "Name" ? pipelines.OrderBy(p => p.Name, StringComparer.Ordinal) : pipelines.OrderBy(p => p.CreationTime)).ToList();
        if (request.SortOrder != "Ascending")
        {
            sorted.Reverse();
        }

        var (page, next) = Paging.Page(sorted, request.MaxResults, request.NextToken);
        var lastExecutions = await Queries.GetLastExecutionTimesAsync([.. page.Select(p => p.Name)], cancellationToken);
        return new ListPipelinesResponse
        {
            PipelineSummaries = [.. page.Select(p => new PipelineSummary
            {
                PipelineArn = p.Arn,
                PipelineName = p.Name,
                PipelineDisplayName = p.DisplayName ?? p.Name,
                PipelineDescription = p.Description,
                RoleArn = p.RoleArn,
                CreationTime = p.CreationTime,
                LastModifiedTime = p.LastModifiedTime,
                LastExecutionTime = lastExecutions.TryGetValue(p.Name, out var last) ? last : null,
            })],
            NextToken = next,
        };
    }

    /// <summary>A pipeline's versions, newest first unless SortOrder is Ascending, filtered by CreatedAfter and CreatedBefore (both exclusive).</summary>
    private async Task<ListPipelineVersionsResponse> ListPipelineVersionsAsync(ListPipelineVersionsRequest request, CancellationToken cancellationToken)
    {
        var name = Arns.PipelineName(request.PipelineName);
        var versions = (await Queries.ListPipelineVersionsAsync(name, cancellationToken)).ToList();
        if (versions.Count == 0)
        {
            throw new ApiException("ResourceNotFound", $"Pipeline '{name}' does not exist.");
        }

        versions = [.. versions.Where(v => Paging.InRange(v.LastModifiedTime, request.CreatedAfter, request.CreatedBefore))];
        if (request.SortOrder != "Ascending")
        {
            versions.Reverse(); // newest first: the SDK's latest_pipeline_version_id takes the first of one
        }

        var lastExecutions = await Queries.GetLastExecutionPerVersionAsync(name, cancellationToken);
        var (page, next) = Paging.Page(versions, request.MaxResults, request.NextToken);
        return new ListPipelineVersionsResponse
        {
            PipelineVersionSummaries = [.. page.Select(v => new PipelineVersionSummary
            {
                PipelineArn = v.Arn,
                PipelineVersionId = v.Version,
                CreationTime = v.LastModifiedTime,
                PipelineVersionDisplayName = v.VersionDisplayName,
                PipelineVersionDescription = v.VersionDescription,
                LastExecutionPipelineExecutionArn = lastExecutions.GetValueOrDefault(v.Version),
            })],
            NextToken = next,
        };
    }

    private async Task<UpdatePipelineVersionResponse> UpdatePipelineVersionAsync(UpdatePipelineVersionRequest request, CancellationToken cancellationToken)
    {
        if (request.PipelineVersionId < 1)
        {
            throw ApiException.Validation($"1 validation error detected: Value '{request.PipelineVersionId}' at 'pipelineVersionId' failed to satisfy constraint: Member must have value greater than or equal to 1");
        }

        var updated = await Engine(() => engine.UpdatePipelineVersionAsync(
            Arns.PipelineName(request.PipelineArn),
            request.PipelineVersionId,
            request.PipelineVersionDisplayName,
            request.PipelineVersionDescription,
            cancellationToken));
        return new UpdatePipelineVersionResponse { PipelineArn = updated.Arn, PipelineVersionId = updated.Version };
    }

    private async Task<DeletePipelineResponse> DeletePipelineAsync(DeletePipelineRequest request, CancellationToken cancellationToken)
    {
        var arn = await Engine(() => engine.DeletePipelineAsync(request.PipelineName, cancellationToken));
        if (engine.Store is ITagStore tags && await tags.ListTagsAsync(arn, cancellationToken) is { Count: > 0 } kept)
        {
            await tags.DeleteTagsAsync(arn, [.. kept.Select(t => t.Key)], cancellationToken); // a pipeline made again under the name starts untagged
        }

        return new DeletePipelineResponse { PipelineArn = arn };
    }
}
