using Sluice.Client.SageMaker;
using Sluice.Client.SageMaker.Tags;
using Sluice.Core.Storage;

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

    private static SageMakerJsonContext Wire => SageMakerJsonContext.Default;

    /// <summary>The operations by name, as <c>X-Amz-Target: SageMaker.&lt;name&gt;</c> gives them.</summary>
    public IReadOnlyDictionary<string, Func<ApiRequest, CancellationToken, Task<string>>> Operations => new Dictionary<string, Func<ApiRequest, CancellationToken, Task<string>>>(StringComparer.Ordinal)
    {
        ["AddTags"] = Operation.Of(Wire.AddTagsRequest, Wire.AddTagsResponse, AddTagsAsync),
        ["ListTags"] = Operation.Of(Wire.ListTagsRequest, Wire.ListTagsResponse, ListTagsAsync),
        ["DeleteTags"] = Operation.Of(Wire.DeleteTagsRequest, Wire.DeleteTagsResponse, DeleteTagsAsync),
    };

    /// <summary>The store's tags for a request's <c>Tags</c> list (already checked against the model's shape).</summary>
    /// <param name="given">The tags as the wire gives them.</param>
    /// <returns>The tags to keep; a tag without a value keeps an empty one.</returns>
    public static IReadOnlyList<ResourceTag> Of(IReadOnlyList<Tag> given) =>
        [.. given.Select(t => new ResourceTag(t.Key, t.Value ?? string.Empty))];

    private async Task<AddTagsResponse> AddTagsAsync(AddTagsRequest request, CancellationToken cancellationToken)
    {
        var arn = await ResourceAsync(request.ResourceArn, cancellationToken);
        var added = Of(request.Tags);
        await tags.AddTagsAsync(arn, added, cancellationToken);
        return new AddTagsResponse { Tags = [.. added.Select(t => new Tag(t.Key, t.Value))] };
    }

    private async Task<ListTagsResponse> ListTagsAsync(ListTagsRequest request, CancellationToken cancellationToken)
    {
        var arn = await ResourceAsync(request.ResourceArn, cancellationToken);
        var (page, next) = Paging.Page(await tags.ListTagsAsync(arn, cancellationToken), request.MaxResults, request.NextToken, maxSize: int.MaxValue);
        return new ListTagsResponse { Tags = [.. page.Select(t => new Tag(t.Key, t.Value))], NextToken = next };
    }

    private async Task<DeleteTagsResponse> DeleteTagsAsync(DeleteTagsRequest request, CancellationToken cancellationToken)
    {
        var arn = await ResourceAsync(request.ResourceArn, cancellationToken);
        await tags.DeleteTagsAsync(arn, request.TagKeys, cancellationToken);
        return new DeleteTagsResponse();
    }

    /// <summary>The request's ResourceArn; a pipeline's must name one that exists.</summary>
    private async Task<string> ResourceAsync(string arn, CancellationToken cancellationToken)
    {
        var at = arn.IndexOf(PipelineArnPart, StringComparison.Ordinal);
        if (at >= 0 && arn[(at + PipelineArnPart.Length)..] is { Length: > 0 } name && !name.Contains('/', StringComparison.Ordinal)
            && await queries.GetPipelineAsync(name, null, cancellationToken) is null)
        {
            throw new ApiException("ResourceNotFound", $"Pipeline '{name}' does not exist.");
        }

        return arn;
    }
}
