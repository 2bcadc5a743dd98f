namespace Sluice.Core.Storage;

/// <summary>
/// The step cache: successful step runs a later run of the same step may reuse (CacheConfig). Only the engine reads and
/// writes it. Every method has finished writing when its task completes (nothing is reported before it is durable).
/// </summary>
public interface ICacheStore
{
    /// <summary>The newest cache entry for a key created at or after <paramref name="notBefore"/>, or <see langword="null"/>.</summary>
    Task<CacheEntry?> FindCacheEntryAsync(string key, DateTimeOffset notBefore, CancellationToken cancellationToken);

    /// <summary>Adds a cache entry.</summary>
    Task AddCacheEntryAsync(CacheEntry entry, CancellationToken cancellationToken);
}
