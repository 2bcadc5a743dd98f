namespace Sluice.Client.SageMaker.Tags;

/// <summary>The response of <c>DeleteTags</c>: no members.</summary>
public sealed record DeleteTagsResponse;
