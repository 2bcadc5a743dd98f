namespace Sluice.Client.SageMaker.Tags;

/// <summary>The request of <c>ListTags</c>. Returns the tags of a SageMaker resource.</summary>
public sealed record ListTagsRequest
{
    /// <summary>The Amazon Resource Name (ARN) of the resource whose tags you want to retrieve.</summary>
    public required string ResourceArn { get; init; }

    /// <summary>If the response to the previous <c>ListTags</c> request is truncated, the token for the next page.</summary>
    public string? NextToken { get; init; }

    /// <summary>Maximum number of tags to return.</summary>
    public int? MaxResults { get; init; }
}
