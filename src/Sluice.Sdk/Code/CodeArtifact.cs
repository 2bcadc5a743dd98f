namespace Sluice.Sdk.Code;

/// <summary>A file the definition refers to by its S3 URI and that must be uploaded there before the pipeline runs.</summary>
/// <param name="S3Uri">Where it goes.</param>
/// <param name="Source">The local file or folder it is made from.</param>
/// <param name="Open">Opens its contents (a file, or a packed <c>sourcedir.tar.gz</c>).</param>
internal sealed record CodeArtifact(string S3Uri, string Source, Func<Stream> Open);
