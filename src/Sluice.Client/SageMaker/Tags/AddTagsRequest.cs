namespace Sluice.Client.SageMaker.Tags;

/// <summary>The request of <c>AddTags</c>. Adds or overwrites tags of a SageMaker resource.</summary>
public sealed record AddTagsRequest
{
    /// <summary>The Amazon Resource Name (ARN) of the resource that you want to tag.</summary>
    public required string ResourceArn { get; init; }

    /// <summary>An array of key-value pairs; a key given again overwrites its value.</summary>
    public required IReadOnlyList<Tag> Tags { get; init; }
}
