using Sluice.Core.Artifacts;

namespace Sluice.Sdk.Code;

/// <summary>Uploads code into Sluice's local object store, where <c>s3://bucket/key</c> is the file <c>{data dir}/objects/bucket/key</c>.</summary>
/// <param name="store">The object store.</param>
public sealed class ObjectStoreCodeUploader(ObjectStore store) : ICodeUploader
{
    /// <summary>Uploads into the object store of a data directory.</summary>
    /// <param name="dataDirectory">The data directory (e.g. <c>.sluice</c>).</param>
    public ObjectStoreCodeUploader(string dataDirectory)
        : this(new ObjectStore(Path.Combine(dataDirectory, "objects")))
    {
    }

    /// <inheritdoc />
    public async Task UploadAsync(string s3Uri, Stream content, CancellationToken cancellationToken)
    {
        var path = store.PathOf(s3Uri);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".uploading";
        await using (var file = File.Create(temporary))
        {
            await content.CopyToAsync(file, cancellationToken);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
