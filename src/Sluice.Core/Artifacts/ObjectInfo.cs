namespace Sluice.Core.Artifacts;

/// <summary>One object: its URI and its size.</summary>
/// <param name="Uri">The object's <c>s3://bucket/key</c> URI.</param>
/// <param name="Size">Its size in bytes.</param>
public sealed record ObjectInfo(string Uri, long Size);
