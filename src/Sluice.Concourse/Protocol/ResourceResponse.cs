namespace Sluice.Concourse.Protocol;

/// <summary>The answer of <c>in</c> and <c>out</c>: the version fetched or made, and metadata to show beside it.</summary>
/// <param name="Version">The version.</param>
/// <param name="Metadata">The metadata, in display order.</param>
internal sealed record ResourceResponse(ExecutionVersion Version, IReadOnlyList<MetadataField> Metadata);
