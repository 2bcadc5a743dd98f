namespace Sluice.Client.SageMaker.Tags;

/// <summary>The request of <c>DeleteTags</c>. Deletes the given tags of a SageMaker resource.</summary>
public sealed record DeleteTagsRequest
{
    /// <summary>The Amazon Resource Name (ARN) of the resource whose tags you want to delete.</summary>
    public required string ResourceArn { get; init; }

    /// <summary>An array of one or more tag keys to delete.</summary>
    public required IReadOnlyList<string> TagKeys { get; init; }
}
