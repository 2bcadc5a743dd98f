namespace Sluice.Core.Artifacts;

/// <summary>An object opened for reading: what it is and its bytes, both of the same version of the object.</summary>
/// <param name="Details">The object.</param>
/// <param name="Content">Its bytes, a seekable stream the caller disposes.</param>
public sealed record ObjectContent(ObjectDetails Details, Stream Content);
