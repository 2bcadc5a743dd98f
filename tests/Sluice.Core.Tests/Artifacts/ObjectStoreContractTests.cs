using System.Text;
using Sluice.Core.Artifacts;
using Sluice.Core.Jobs;

namespace Sluice.Core.Tests.Artifacts;

/// <summary>
/// The <see cref="IObjectStore"/> contract, written against the interface only: every object store subclasses it with
/// <see cref="CreateStore"/> and must pass it unchanged.
/// </summary>
public abstract partial class ObjectStoreContractTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("sluice-objects-").FullName;
    private readonly IObjectStore _store;

    protected ObjectStoreContractTests() => _store = CreateStore(Path.Combine(_root, "objects"));

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpenWriteAsync_ThenOpenReadAsync_ReturnsWhatWasWritten()
    {
        await using (var write = await _store.OpenWriteAsync("s3://b/dir/x.bin", Cancel))
        {
            await write.WriteAsync(new byte[] { 1, 2, 3 }, Cancel);
        }

        await using var read = await _store.OpenReadAsync("s3://b/dir/x.bin", Cancel);
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy, Cancel);
        copy.ToArray().ShouldBe(new byte[] { 1, 2, 3 });
    }

    [Fact]
    public async Task OpenWriteAsync_BeforeDisposal_LeavesTheOldObjectVisible()
    {
        await PutAsync("s3://b/k", "old");

        await using (var write = await _store.OpenWriteAsync("s3://b/k", Cancel))
        {
            await write.WriteAsync(Encoding.UTF8.GetBytes("new"), Cancel);
            await write.FlushAsync(Cancel);
            (await _store.ReadTextAsync("s3://b/k", Cancel)).ShouldBe("old");
        }

        (await _store.ReadTextAsync("s3://b/k", Cancel)).ShouldBe("new");
        (await _store.ListAsync("s3://b", Cancel)).Select(o => o.Uri).ShouldBe(["s3://b/k"]);
    }

    [Fact]
    public async Task OpenReadAsync_NoSuchObject_ThrowsFileNotFound()
    {
        await Should.ThrowAsync<FileNotFoundException>(() => _store.OpenReadAsync("s3://b/missing", Cancel));
        await Should.ThrowAsync<FileNotFoundException>(() => _store.ReadTextAsync("s3://b/missing", Cancel));
    }

    [Theory]
    [InlineData("s3://b/../escape")]
    [InlineData("s3://")]
    [InlineData("http://b/k")]
    public async Task HeadAsync_UriOutsideTheStore_ThrowsArgumentException(string uri) =>
        await Should.ThrowAsync<ArgumentException>(() => _store.HeadAsync(uri, Cancel));

    [Fact]
    public async Task HeadAsync_ObjectPrefixAndNothing_GivesSizeOnlyForTheObject()
    {
        await PutAsync("s3://b/data/a.csv", "12345");

        (await _store.HeadAsync("s3://b/data/a.csv", Cancel)).ShouldBe(new ObjectInfo("s3://b/data/a.csv", 5));
        (await _store.HeadAsync("s3://b/data", Cancel)).ShouldBeNull("a prefix is not an object");
        (await _store.HeadAsync("s3://b/none", Cancel)).ShouldBeNull();
    }

    [Fact]
    public async Task ListAsync_Prefix_ListsObjectsBelowItOrderedByKeyWithSizes()
    {
        await PutAsync("s3://b/data/z.csv", "1");
        await PutAsync("s3://b/data/sub/a.csv", "22");
        await PutAsync("s3://b/data2/other.csv", "333");

        (await _store.ListAsync("s3://b/data", Cancel)).ShouldBe([new ObjectInfo("s3://b/data/sub/a.csv", 2), new ObjectInfo("s3://b/data/z.csv", 1)]);
        (await _store.ListAsync("s3://b/data/z.csv", Cancel)).ShouldBe([new ObjectInfo("s3://b/data/z.csv", 1)]);
        (await _store.ListAsync("s3://b/none", Cancel)).ShouldBeEmpty();
    }

    [Fact]
    public async Task DownloadPrefixAsync_Prefix_CopiesEveryObjectKeepingTheRestOfItsKey()
    {
        await PutAsync("s3://b/data/a.csv", "a");
        await PutAsync("s3://b/data/sub/b.csv", "b");
        var target = Path.Combine(_root, "in");

        (await _store.DownloadPrefixAsync("s3://b/data", target, Cancel)).ShouldBe(2);

        File.ReadAllText(Path.Combine(target, "a.csv")).ShouldBe("a");
        File.ReadAllText(Path.Combine(target, "sub", "b.csv")).ShouldBe("b");
    }

    [Fact]
    public async Task DownloadPrefixAsync_NothingThere_ThrowsFileNotFound() =>
        await Should.ThrowAsync<FileNotFoundException>(() => _store.DownloadPrefixAsync("s3://b/none", Path.Combine(_root, "in"), Cancel));

    [Fact]
    public async Task DownloadManifestAsync_Manifest_CopiesTheListedKeysOnly()
    {
        await PutAsync("s3://b/data/a.csv", "a");
        await PutAsync("s3://b/data/sub/b.csv", "b");
        await PutAsync("s3://b/data/ignored.csv", "c");
        await PutAsync("s3://b/manifest.json", """[{"prefix": "s3://b/data/"}, "a.csv", "sub/b.csv"]""");
        var target = Path.Combine(_root, "in");

        (await _store.DownloadManifestAsync("s3://b/manifest.json", target, Cancel)).ShouldBe(2);

        Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(target, f)).Order(StringComparer.Ordinal)
            .ShouldBe(["a.csv", Path.Combine("sub", "b.csv")]);
    }

    [Fact]
    public async Task DownloadManifestAsync_KeyLeavingTheFolder_ThrowsInvalidData()
    {
        await PutAsync("s3://b/manifest.json", """[{"prefix": "s3://b/data/"}, "/outside.csv"]""");

        await Should.ThrowAsync<InvalidDataException>(() => _store.DownloadManifestAsync("s3://b/manifest.json", Path.Combine(_root, "in"), Cancel));
    }

    [Fact]
    public async Task UploadDirectoryAsync_Folder_UploadsEveryFileUnderThePrefix()
    {
        var source = Directory.CreateDirectory(Path.Combine(_root, "out", "sub")).Parent!.FullName;
        File.WriteAllText(Path.Combine(source, "a.txt"), "a");
        File.WriteAllText(Path.Combine(source, "sub", "b.txt"), "b");

        (await _store.UploadDirectoryAsync(source, "s3://b/results", Cancel)).ShouldBe(2);

        (await _store.ReadTextAsync("s3://b/results/sub/b.txt", Cancel)).ShouldBe("b");
        (await _store.UploadDirectoryAsync(Path.Combine(_root, "missing"), "s3://b/results", Cancel)).ShouldBe(0);
    }

    [Fact]
    public async Task UploadDirectoryAsync_FolderHoldingALink_RefusesAndUploadsNothingThroughIt()
    {
        var secret = Path.Combine(_root, "secret.txt");
        File.WriteAllText(secret, "host secret");
        var source = Directory.CreateDirectory(Path.Combine(_root, "out")).FullName;
        File.CreateSymbolicLink(Path.Combine(source, "leak.txt"), secret);

        await Should.ThrowAsync<UnsafeJobFileException>(() => _store.UploadDirectoryAsync(source, "s3://b/results", Cancel));

        (await _store.HeadAsync("s3://b/results/leak.txt", Cancel)).ShouldBeNull();
    }

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>A new, empty store; <paramref name="scratch"/> is a folder the store may use, deleted after the test.</summary>
    protected abstract IObjectStore CreateStore(string scratch);

    private async Task PutAsync(string uri, string text)
    {
        await using var stream = await _store.OpenWriteAsync(uri, Cancel);
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text), Cancel);
    }
}
