namespace Sluice.Concourse.Protocol;

/// <summary>One line of the metadata Concourse shows beside a version.</summary>
/// <param name="Name">The label, e.g. <c>Status</c>.</param>
/// <param name="Value">The value.</param>
internal sealed record MetadataField(string Name, string Value);
