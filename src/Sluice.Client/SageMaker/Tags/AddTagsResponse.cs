namespace Sluice.Client.SageMaker.Tags;

/// <summary>The response of <c>AddTags</c>.</summary>
public sealed record AddTagsResponse
{
    /// <summary>A list of tags associated with the SageMaker resource.</summary>
    public IReadOnlyList<Tag>? Tags { get; init; }
}
