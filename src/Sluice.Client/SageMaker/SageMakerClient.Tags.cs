using Sluice.Client.Http;
using Sluice.Client.SageMaker.Tags;

namespace Sluice.Client.SageMaker;

/// <content>Tags of pipelines, jobs, models and model packages: AddTags, ListTags, DeleteTags.</content>
public sealed partial class SageMakerClient
{
    /// <summary>Adds tags to a resource, overwriting the values of keys it has (<c>AddTags</c>).</summary>
    /// <param name="request">The resource and its tags.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The tags added.</returns>
    /// <exception cref="AwsServiceException">The service refused, e.g. <c>ResourceNotFound</c> for a pipeline that does not exist.</exception>
    public Task<AddTagsResponse> AddTagsAsync(AddTagsRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync("AddTags", request, SageMakerJsonContext.Default.AddTagsRequest, SageMakerJsonContext.Default.AddTagsResponse, cancellationToken);

    /// <summary>One page of a resource's tags (<c>ListTags</c>).</summary>
    /// <param name="request">The resource and the page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    /// <exception cref="AwsServiceException">The service refused, e.g. <c>ResourceNotFound</c> for a pipeline that does not exist.</exception>
    public Task<ListTagsResponse> ListTagsAsync(ListTagsRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync("ListTags", request, SageMakerJsonContext.Default.ListTagsRequest, SageMakerJsonContext.Default.ListTagsResponse, cancellationToken);

    /// <summary>Every tag of a resource, page after page (<c>ListTags</c>).</summary>
    /// <param name="request">The resource; <c>NextToken</c> is where to start, usually <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The tags.</returns>
    public IAsyncEnumerable<Tag> ListAllTagsAsync(ListTagsRequest request, CancellationToken cancellationToken = default) =>
        PaginateAsync(request, (r, token) => r with { NextToken = token }, ListTagsAsync, p => p.NextToken, p => p.Tags, cancellationToken);

    /// <summary>Deletes tags of a resource by key; keys it does not have are ignored (<c>DeleteTags</c>).</summary>
    /// <param name="request">The resource and the keys.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The (empty) response.</returns>
    /// <exception cref="AwsServiceException">The service refused, e.g. <c>ResourceNotFound</c> for a pipeline that does not exist.</exception>
    public Task<DeleteTagsResponse> DeleteTagsAsync(DeleteTagsRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync("DeleteTags", request, SageMakerJsonContext.Default.DeleteTagsRequest, SageMakerJsonContext.Default.DeleteTagsResponse, cancellationToken);
}
