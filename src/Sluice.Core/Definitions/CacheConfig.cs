namespace Sluice.Definitions;

/// <summary>A step's <c>CacheConfig</c>.</summary>
/// <param name="Enabled">Whether a previous successful run of the same step may be reused.</param>
/// <param name="ExpireAfter">How old a reusable run may be (the ISO 8601 <c>ExpireAfter</c>); <see langword="null"/> for no limit.</param>
public sealed record CacheConfig(bool Enabled, TimeSpan? ExpireAfter);
