using System.Globalization;
using System.Text;
using System.Text.Json;
using Sluice.Core.Api;
using Sluice.Core.Execution;
using Sluice.Core.Storage;
using Sluice.Definitions;
using static Sluice.Server.Api.Responses;

namespace Sluice.Server.Api;

/// <summary>
/// The SageMaker pipeline operations, over the engine. Each takes the request body and returns the response body;
/// engine errors become SageMaker's error codes.
/// </summary>
/// <param name="engine">The engine.</param>
public sealed partial class PipelineApi(PipelineEngine engine)
{
    private const int MaxDefinitionLength = 1_048_576;

    private IStateQueries Queries => engine.Queries;

    /// <summary>The operations by name, as <c>X-Amz-Target: SageMaker.&lt;name&gt;</c> gives them.</summary>
    public IReadOnlyDictionary<string, Func<ApiRequest, CancellationToken, Task<string>>> Operations => new Dictionary<string, Func<ApiRequest, CancellationToken, Task<string>>>(StringComparer.Ordinal)
    {
        ["CreatePipeline"] = CreatePipelineAsync,
        ["UpdatePipeline"] = UpdatePipelineAsync,
        ["DescribePipeline"] = DescribePipelineAsync,
        ["ListPipelines"] = ListPipelinesAsync,
        ["DeletePipeline"] = DeletePipelineAsync,
        ["ListPipelineVersions"] = ListPipelineVersionsAsync,
        ["UpdatePipelineVersion"] = UpdatePipelineVersionAsync,
        ["UpdatePipelineExecution"] = UpdatePipelineExecutionAsync,
        ["StartPipelineExecution"] = StartPipelineExecutionAsync,
        ["StopPipelineExecution"] = StopPipelineExecutionAsync,
        ["RetryPipelineExecution"] = RetryPipelineExecutionAsync,
        ["DescribePipelineExecution"] = DescribePipelineExecutionAsync,
        ["ListPipelineExecutions"] = ListPipelineExecutionsAsync,
        ["ListPipelineExecutionSteps"] = ListPipelineExecutionStepsAsync,
        ["ListPipelineParametersForExecution"] = ListPipelineParametersForExecutionAsync,
        ["DescribePipelineDefinitionForExecution"] = DescribePipelineDefinitionForExecutionAsync,
        ["SendPipelineExecutionStepSuccess"] = SendStepSuccessAsync,
        ["SendPipelineExecutionStepFailure"] = SendStepFailureAsync,
    };

    private async Task<string> CreatePipelineAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var name = request.Required("PipelineName");
        var settings = await ReadSettingsAsync(request, cancellationToken);
        if (settings.DefinitionText is null)
        {
            throw ApiException.Validation("Give PipelineDefinition or PipelineDefinitionS3Location.");
        }

        try
        {
            var pipeline = await Definition(() => engine.CreatePipelineAsync(name, settings, cancellationToken));
            if (engine.Store is ITagStore tags && TagApi.Of(request) is { Count: > 0 } given)
            {
                await tags.AddTagsAsync(pipeline.Arn, given, cancellationToken);
            }

            return Write(w => w.WriteString("PipelineArn", pipeline.Arn));
        }
        catch (PipelineExistsException)
        {
            // The SageMaker Python SDK's upsert() falls back to UpdatePipeline on exactly this.
            throw ApiException.Validation($"Pipeline names must be unique within an AWS account and region. Pipeline with name ({name}) already exists.");
        }
    }

    private async Task<string> UpdatePipelineAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var name = request.Required("PipelineName");
        var settings = await ReadSettingsAsync(request, cancellationToken);
        var pipeline = await Engine(() => Definition(() => engine.UpdatePipelineAsync(name, settings, cancellationToken)));
        return Write(w =>
        {
            w.WriteString("PipelineArn", pipeline.Arn);
            w.WriteNumber("PipelineVersionId", pipeline.Version);
        });
    }

    /// <summary>The settings a CreatePipeline or UpdatePipeline request gives; what it leaves out is <see langword="null"/>.</summary>
    private async Task<PipelineSettings> ReadSettingsAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var definition = request.Optional("PipelineDefinition", MaxDefinitionLength);
        if (request.Object("PipelineDefinitionS3Location") is { } location)
        {
            if (definition is not null)
            {
                throw ApiException.Validation("Give PipelineDefinition or PipelineDefinitionS3Location, not both.");
            }

            var bucket = location.TryGetProperty("Bucket", out var b) ? b.GetString() : null;
            var key = location.TryGetProperty("ObjectKey", out var k) ? k.GetString() : null;
            var uri = $"s3://{bucket}/{key}";
            try
            {
                definition = await engine.Objects.ReadTextAsync(uri, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                throw ApiException.Validation($"PipelineDefinitionS3Location {uri} cannot be read: {e.Message}");
            }
        }

        return new PipelineSettings
        {
            DefinitionText = definition,
            RoleArn = request.Optional("RoleArn"),
            Description = request.Optional("PipelineDescription", 3072),
            DisplayName = request.Optional("PipelineDisplayName"),
            MaxParallelExecutionSteps = request.Object("ParallelismConfiguration") is { } p && p.TryGetProperty("MaxParallelExecutionSteps", out var m) ? m.GetInt32() : null,
        };
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

    private async Task<string> DescribePipelineAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var name = Arns.PipelineName(request.Required("PipelineName"));
        var version = request.Body.TryGetProperty("PipelineVersionId", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : (long?)null;
        var pipeline = await Queries.GetPipelineAsync(name, version, cancellationToken)
            ?? throw new ApiException("ResourceNotFound", $"Pipeline '{name}' does not exist.");
        var lastRun = await Queries.GetLastExecutionTimeAsync(name, cancellationToken);
        return Write(w =>
        {
            w.WriteString("PipelineArn", pipeline.Arn);
            w.WriteString("PipelineName", pipeline.Name);
            w.WriteString("PipelineDisplayName", pipeline.DisplayName ?? pipeline.Name);
            w.WriteString("PipelineDefinition", pipeline.DefinitionText);
            Optional(w, "PipelineDescription", pipeline.Description);
            Optional(w, "RoleArn", pipeline.RoleArn);
            w.WriteString("PipelineStatus", "Active");
            ApiShapes.WriteTime(w, "CreationTime", pipeline.CreationTime);
            ApiShapes.WriteTime(w, "LastModifiedTime", pipeline.LastModifiedTime);
            if (lastRun is { } run)
            {
                ApiShapes.WriteTime(w, "LastRunTime", run);
            }

            ApiShapes.WriteUser(w, "CreatedBy", pipeline.Arn);
            ApiShapes.WriteUser(w, "LastModifiedBy", pipeline.Arn);

            if (pipeline.MaxParallelExecutionSteps is { } parallelism)
            {
                w.WriteStartObject("ParallelismConfiguration");
                w.WriteNumber("MaxParallelExecutionSteps", parallelism);
                w.WriteEndObject();
            }

            Optional(w, "PipelineVersionDisplayName", pipeline.VersionDisplayName);
            Optional(w, "PipelineVersionDescription", pipeline.VersionDescription);
        });
    }

    private async Task<string> ListPipelinesAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var prefix = request.Optional("PipelineNamePrefix") ?? string.Empty;
        var pipelines = (await Queries.ListPipelinesAsync(cancellationToken)).Where(p => p.Name.StartsWith(prefix, StringComparison.Ordinal));
        var byName = request.Optional("SortBy") == "Name";
        var ascending = request.Optional("SortOrder") == "Ascending";
        var sorted = (byName ? pipelines.OrderBy(p => p.Name, StringComparer.Ordinal) : pipelines.OrderBy(p => p.CreationTime)).ToList();
        if (!ascending)
        {
            sorted.Reverse();
        }

        var lastRuns = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var pipeline in sorted)
        {
            if (await Queries.GetLastExecutionTimeAsync(pipeline.Name, cancellationToken) is { } lastRun)
            {
                lastRuns[pipeline.Name] = lastRun;
            }
        }

        return Page(request, sorted, "PipelineSummaries", (w, p) =>
        {
            w.WriteStartObject();
            w.WriteString("PipelineArn", p.Arn);
            w.WriteString("PipelineName", p.Name);
            w.WriteString("PipelineDisplayName", p.DisplayName ?? p.Name);
            Optional(w, "PipelineDescription", p.Description);
            Optional(w, "RoleArn", p.RoleArn);
            ApiShapes.WriteTime(w, "CreationTime", p.CreationTime);
            ApiShapes.WriteTime(w, "LastModifiedTime", p.LastModifiedTime);
            if (lastRuns.TryGetValue(p.Name, out var lastRun))
            {
                ApiShapes.WriteTime(w, "LastExecutionTime", lastRun);
            }

            w.WriteEndObject();
        });
    }

    private async Task<string> ListPipelineVersionsAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var name = Arns.PipelineName(request.Required("PipelineName"));
        var versions = (await Queries.ListPipelineVersionsAsync(name, cancellationToken)).ToList();
        if (versions.Count == 0)
        {
            throw new ApiException("ResourceNotFound", $"Pipeline '{name}' does not exist.");
        }

        if (request.Optional("SortOrder") != "Ascending")
        {
            versions.Reverse(); // newest first: the SDK's latest_pipeline_version_id takes the first of one
        }

        var lastExecutions = await Queries.GetLastExecutionPerVersionAsync(name, cancellationToken);
        return Page(request, versions, "PipelineVersionSummaries", (w, v) =>
        {
            w.WriteStartObject();
            w.WriteString("PipelineArn", v.Arn);
            w.WriteNumber("PipelineVersionId", v.Version);
            ApiShapes.WriteTime(w, "CreationTime", v.LastModifiedTime);
            Optional(w, "PipelineVersionDisplayName", v.VersionDisplayName);
            Optional(w, "PipelineVersionDescription", v.VersionDescription);
            if (lastExecutions.TryGetValue(v.Version, out var last))
            {
                w.WriteString("LastExecutionPipelineExecutionArn", last);
            }

            w.WriteEndObject();
        });
    }

    private async Task<string> UpdatePipelineVersionAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var arn = request.Required("PipelineArn");
        var version = request.Long("PipelineVersionId", 1, long.MaxValue)
            ?? throw ApiException.Validation("1 validation error detected: Value null at 'pipelineVersionId' failed to satisfy constraint: Member must not be null");
        var name = Arns.PipelineName(arn);
        var updated = await Engine(() => engine.UpdatePipelineVersionAsync(
            name,
            version,
            request.Optional("PipelineVersionDisplayName"),
            request.Optional("PipelineVersionDescription", 3072),
            cancellationToken));

        return Write(w =>
        {
            w.WriteString("PipelineArn", updated.Arn);
            w.WriteNumber("PipelineVersionId", updated.Version);
        });
    }

    private async Task<string> UpdatePipelineExecutionAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var arn = request.Required("PipelineExecutionArn");
        var displayName = request.Optional("PipelineExecutionDisplayName");
        var description = request.Optional("PipelineExecutionDescription", 3072);
        var parallelism = request.Object("ParallelismConfiguration") is { } p && p.TryGetProperty("MaxParallelExecutionSteps", out var m) ? m.GetInt32() : (int?)null;
        await Engine(() => engine.UpdateExecutionAsync(
            arn,
            e => e with
            {
                DisplayName = displayName ?? e.DisplayName,
                Description = description ?? e.Description,
                MaxParallelExecutionSteps = parallelism ?? e.MaxParallelExecutionSteps,
            },
            cancellationToken));
        return Write(w => w.WriteString("PipelineExecutionArn", arn));
    }

    private async Task<string> DeletePipelineAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var arn = await Engine(() => engine.DeletePipelineAsync(request.Required("PipelineName"), cancellationToken));
        if (engine.Store is ITagStore tags && await tags.ListTagsAsync(arn, cancellationToken) is { Count: > 0 } kept)
        {
            await tags.DeleteTagsAsync(arn, [.. kept.Select(t => t.Key)], cancellationToken); // a pipeline made again under the name starts untagged
        }

        return Write(w => w.WriteString("PipelineArn", arn));
    }
}
