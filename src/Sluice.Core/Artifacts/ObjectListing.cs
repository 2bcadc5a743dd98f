namespace Sluice.Core.Artifacts;

/// <summary>One page of a bucket listing, in the order of the keys' UTF-8 bytes.</summary>
/// <param name="Objects">The objects.</param>
/// <param name="CommonPrefixes">The common prefixes the delimiter rolled keys up into.</param>
/// <param name="IsTruncated">Whether more keys follow.</param>
/// <param name="Last">The last key or common prefix of this page (where the next page starts after), or <see langword="null"/> when the page is empty.</param>
public sealed record ObjectListing(IReadOnlyList<ObjectDetails> Objects, IReadOnlyList<string> CommonPrefixes, bool IsTruncated, string? Last);
