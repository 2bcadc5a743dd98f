using System.Text.Json;
using Sluice.Core.Storage;
using static Sluice.Server.Api.Responses;

namespace Sluice.Server.Api;

/// <summary>
/// AddTags, ListTags and DeleteTags, over the store's <see cref="ITagStore"/>: what the SageMaker Python SDK's
/// <c>pipeline.upsert(tags=...)</c> and <c>Estimator.attach</c> call. Tags of a pipeline ARN need the pipeline to
/// exist; tags of other SageMaker ARNs (jobs, models, model packages) are kept as given.
/// </summary>
/// <param name="tags">Where tags are kept.</param>
/// <param name="queries">Whether a pipeline exists.</param>
public sealed class TagApi(ITagStore tags, IStateQueries queries)
{
    private const string PipelineArnPart = ":pipeline/";

    /// <summary>The operations by name, as <c>X-Amz-Target: SageMaker.&lt;name&gt;</c> gives them.</summary>
    public IReadOnlyDictionary<string, Func<ApiRequest, CancellationToken, Task<string>>> Operations => new Dictionary<string, Func<ApiRequest, CancellationToken, Task<string>>>(StringComparer.Ordinal)
    {
        ["AddTags"] = AddTagsAsync,
        ["ListTags"] = ListTagsAsync,
        ["DeleteTags"] = DeleteTagsAsync,
    };

    /// <summary>The tags of a request's <c>Tags</c> list (already checked against the model's shape).</summary>
    public static IReadOnlyList<ResourceTag> Of(ApiRequest request) =>
        request.List("Tags") is { } list
            ? [.. list.EnumerateArray().Select(t => new ResourceTag(t.GetProperty("Key").GetString()!, t.TryGetProperty("Value", out var v) ? v.GetString() ?? string.Empty : string.Empty))]
            : [];

    private async Task<string> AddTagsAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var arn = await ResourceAsync(request, cancellationToken);
        var added = Of(request);
        await tags.AddTagsAsync(arn, added, cancellationToken);
        return Write(w =>
        {
            w.WriteStartArray("Tags");
            foreach (var tag in added)
            {
                WriteTag(w, tag);
            }

            w.WriteEndArray();
        });
    }

    private async Task<string> ListTagsAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var arn = await ResourceAsync(request, cancellationToken);
        return Page(request, await tags.ListTagsAsync(arn, cancellationToken), "Tags", WriteTag);
    }

    private async Task<string> DeleteTagsAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var arn = await ResourceAsync(request, cancellationToken);
        var keys = request.List("TagKeys") is { } list ? list.EnumerateArray().Select(k => k.GetString()!).ToList() : [];
        await tags.DeleteTagsAsync(arn, keys, cancellationToken);
        return "{}";
    }

    /// <summary>The request's ResourceArn; a pipeline's must name one that exists.</summary>
    private async Task<string> ResourceAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var arn = request.Required("ResourceArn", 256);
        var at = arn.IndexOf(PipelineArnPart, StringComparison.Ordinal);
        if (at >= 0 && arn[(at + PipelineArnPart.Length)..] is { Length: > 0 } name && !name.Contains('/', StringComparison.Ordinal)
            && await queries.GetPipelineAsync(name, null, cancellationToken) is null)
        {
            throw new ApiException("ResourceNotFound", $"Pipeline '{name}' does not exist.");
        }

        return arn;
    }

    private static void WriteTag(Utf8JsonWriter writer, ResourceTag tag)
    {
        writer.WriteStartObject();
        writer.WriteString("Key", tag.Key);
        writer.WriteString("Value", tag.Value);
        writer.WriteEndObject();
    }
}
