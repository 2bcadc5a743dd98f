namespace Sluice.Core.Storage;

/// <summary>One tag of a resource.</summary>
/// <param name="Key">The key (1-128 characters).</param>
/// <param name="Value">The value (0-256 characters).</param>
public sealed record ResourceTag(string Key, string Value);
