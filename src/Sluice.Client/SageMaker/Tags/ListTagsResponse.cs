namespace Sluice.Client.SageMaker.Tags;

/// <summary>The response of <c>ListTags</c>.</summary>
public sealed record ListTagsResponse
{
    /// <summary>An array of <see cref="Tag"/> objects, each with a tag key and a value.</summary>
    public IReadOnlyList<Tag>? Tags { get; init; }

    /// <summary>If the response is truncated, the token for the next page.</summary>
    public string? NextToken { get; init; }
}
