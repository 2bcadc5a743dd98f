using Sluice.Core.Artifacts;
using Sluice.Core.Artifacts.Local;
using Sluice.Core.Storage;

using Sluice.Sdk.Code;

namespace Sluice.Sdk.Local;

/// <summary>Uploads code into a Sluice object store (an engine's, or the local one of a data directory).</summary>
/// <param name="store">The object store.</param>
public sealed class ObjectStoreCodeUploader(IObjectStore store) : ICodeUploader
{
    /// <summary>Uploads into the local object store of a data directory, where <c>s3://bucket/key</c> is the file <c>{data dir}/objects/bucket/key</c>.</summary>
    /// <param name="dataDirectory">The data directory (e.g. <c>.sluice</c>).</param>
    /// <remarks>Each upload is on the disk before it completes (<c>store.durability: full</c>, the default).</remarks>
    public ObjectStoreCodeUploader(string dataDirectory)
        : this(dataDirectory, StoreDurability.Full)
    {
    }

    /// <summary>Uploads into the local object store of a data directory, with the data directory's <c>store.durability</c>.</summary>
    /// <param name="dataDirectory">The data directory (e.g. <c>.sluice</c>).</param>
    /// <param name="durability">Whether each upload is flushed to the disk before it completes (full) or not (normal).</param>
    public ObjectStoreCodeUploader(string dataDirectory, StoreDurability durability)
        : this(new LocalObjectStore(Path.Combine(dataDirectory, "objects"), durability))
    {
    }

    /// <inheritdoc />
    public async Task UploadAsync(string s3Uri, Stream content, CancellationToken cancellationToken)
    {
        // The store's write stream replaces the object only when it is disposed, so a reader never sees half the code.
        await using var target = await store.OpenWriteAsync(s3Uri, cancellationToken);
        await content.CopyToAsync(target, cancellationToken);
    }
}
