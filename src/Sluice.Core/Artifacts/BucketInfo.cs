namespace Sluice.Core.Artifacts;

/// <summary>One bucket of the object store.</summary>
/// <param name="Name">The bucket's name.</param>
/// <param name="CreationDate">When it was created.</param>
public sealed record BucketInfo(string Name, DateTimeOffset CreationDate);
