using System.Security.Cryptography;
using System.Text;
using Sluice.Core.Artifacts;
using Sluice.Core.Artifacts.Local;
using Sluice.Core.Storage;
using Sluice.Core.Tests.Support;

namespace Sluice.Core.Tests.Artifacts.Local;

/// <summary>
/// <c>store.durability</c> for objects, seen in the real fsync calls of the process (strace): with full, every file a
/// write publishes is flushed before its rename and every folder whose entries changed after it; with normal, nothing.
/// Paths are relative to the store's folder; ".sluice/tmp/..." are the files written before their rename.
/// </summary>
[Collection(FsyncTraceTests.Name)]
public sealed class LocalObjectStoreDurabilityTests : IDisposable
{
    private const string Temporary = ".sluice/tmp/";
    private readonly string _root = Path.Combine(Directory.CreateTempSubdirectory("sluice-durable-").FullName, "objects");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_root)!, recursive: true);

    [Fact]
    public async Task PutObjectAsync_FullOverAnObject_FlushesFileAndSidecarBeforeTheirFoldersAndNothingElse()
    {
        var store = await StoreWithBucketAsync(StoreDurability.Full);
        await PutAsync(store, "d/k", "old");

        var synced = await SyncedAsync(() => PutAsync(store, "d/k", "new"));

        synced.Count.ShouldBe(4, string.Join(", ", synced));
        synced[0].ShouldStartWith(Temporary); // the object's bytes
        synced[1].ShouldStartWith(Temporary); // its sidecar
        synced.Skip(2).ShouldBe(["bkt/d", SidecarFolder("d/k")]);
        (await store.GetObjectDetailsAsync("bkt", "d/k", Cancel))!.ETag.ShouldBe(Md5("new"));
    }

    [Fact]
    public async Task PutObjectAsync_FullIntoNewFolders_FlushesEachNewFolderInItsParent()
    {
        var store = await StoreWithBucketAsync(StoreDurability.Full);

        var synced = await SyncedAsync(() => PutAsync(store, "x/y/k", "v"));

        var folders = synced.Where(p => !p.StartsWith(Temporary, StringComparison.Ordinal)).ToList();
        folders.ShouldContain("bkt/x/y");
        folders.ShouldContain("bkt/x");
        folders.ShouldContain("bkt");
        folders.IndexOf("bkt/x/y").ShouldBeLessThan(folders.IndexOf("bkt/x"));
        folders.IndexOf("bkt/x").ShouldBeLessThan(folders.IndexOf("bkt"));
        folders.ShouldContain(SidecarFolder("x/y/k"));
        folders.ShouldContain(".sluice/meta/bkt");
        folders.ShouldContain(".sluice"); // new too: the store's folder gained it
        folders.ShouldContain(".");
    }

    [Fact]
    public async Task CopyObjectAsync_FullOverAnObject_FlushesFileAndSidecarBeforeTheirFolders()
    {
        var store = await StoreWithBucketAsync(StoreDurability.Full);
        await PutAsync(store, "d/source", "content");
        await PutAsync(store, "d/copy", "old");

        var synced = await SyncedAsync(() => store.CopyObjectAsync("bkt", "d/source", "bkt", "d/copy", null, Cancel));

        synced.Count.ShouldBe(4, string.Join(", ", synced));
        synced[0].ShouldStartWith(Temporary);
        synced[1].ShouldStartWith(Temporary);
        synced.Skip(2).ShouldBe(["bkt/d", SidecarFolder("d/copy")]);
    }

    [Fact]
    public async Task MultipartUpload_Full_FlushesTheRecordPartsAndObjectAndTheUploadsFolderAfterRemoval()
    {
        var store = await StoreWithBucketAsync(StoreDurability.Full);
        await PutAsync(store, "d/k", "old");
        string id = string.Empty;

        var synced = await SyncedAsync(async () =>
        {
            id = await store.CreateMultipartUploadAsync("bkt", "d/k", ObjectAttributes.None, Cancel);
            var part = await store.UploadPartAsync("bkt", "d/k", id, 1, new MemoryStream(Encoding.UTF8.GetBytes("part")), Cancel);
            await store.CompleteMultipartUploadAsync("bkt", "d/k", id, [(1, part.ETag)], Cancel);
        });

        var upload = ".sluice/uploads/" + id;
        synced.ShouldContain(upload + "/upload.json");
        synced.ShouldContain(upload + "/1.etag");
        synced.ShouldContain(upload);
        synced.IndexOf(upload + "/1.etag").ShouldBeGreaterThan(synced.IndexOf(upload + "/upload.json"));
        var complete = synced.TakeLast(5).ToList();
        complete[0].ShouldStartWith(Temporary); // the parts joined
        complete[1].ShouldStartWith(Temporary); // the sidecar
        complete[2..].ShouldBe(["bkt/d", SidecarFolder("d/k"), ".sluice/uploads"]);
        (await store.ReadTextAsync("s3://bkt/d/k", Cancel)).ShouldBe("part");
    }

    [Fact]
    public async Task AbortMultipartUploadAsync_Full_FlushesTheUploadsFolder()
    {
        var store = await StoreWithBucketAsync(StoreDurability.Full);
        var id = await store.CreateMultipartUploadAsync("bkt", "k", ObjectAttributes.None, Cancel);

        var synced = await SyncedAsync(() => store.AbortMultipartUploadAsync("bkt", "k", id, Cancel));

        synced.ShouldBe([".sluice/uploads"]);
    }

    [Fact]
    public async Task UploadDirectoryAsync_Full_FlushesEachFileBeforeItsRenameAndEachFolderOnce()
    {
        var store = await StoreWithBucketAsync(StoreDurability.Full);
        var source = Path.Combine(Path.GetDirectoryName(_root)!, "output");
        Directory.CreateDirectory(Path.Combine(source, "sub"));
        await File.WriteAllTextAsync(Path.Combine(source, "a.txt"), "a", Cancel);
        await File.WriteAllTextAsync(Path.Combine(source, "sub", "b.txt"), "bkt", Cancel);
        await File.WriteAllTextAsync(Path.Combine(source, "sub", "c.txt"), "c", Cancel);

        var synced = await SyncedAsync(() => store.UploadDirectoryAsync(source, "s3://bkt/out", Cancel));

        synced.Count(p => p.StartsWith(Temporary, StringComparison.Ordinal)).ShouldBe(3);
        var folders = synced.Where(p => !p.StartsWith(Temporary, StringComparison.Ordinal)).ToList();
        folders.ShouldContain("bkt/out");
        folders.ShouldContain("bkt/out/sub");
        folders.ShouldContain("bkt");
        folders.Count(f => f == "bkt/out/sub").ShouldBe(1);
        folders.ShouldNotContain(f => f.EndsWith(".txt", StringComparison.Ordinal));
        (await store.ReadTextAsync("s3://bkt/out/sub/c.txt", Cancel)).ShouldBe("c");
    }

    [Fact]
    public async Task OpenWriteAsync_FullOverAnObject_FlushesTheFileThenItsFolder()
    {
        var store = await StoreWithBucketAsync(StoreDurability.Full);
        await PutAsync(store, "d/k", "old");

        var synced = await SyncedAsync(async () =>
        {
            await using var write = await store.OpenWriteAsync("s3://bkt/d/k", Cancel);
            await write.WriteAsync(Encoding.UTF8.GetBytes("new"), Cancel);
        });

        synced.Count.ShouldBe(2, string.Join(", ", synced));
        synced[0].ShouldStartWith(Temporary);
        synced[1].ShouldBe("bkt/d");
        (await store.ReadTextAsync("s3://bkt/d/k", Cancel)).ShouldBe("new");
    }

    [Fact]
    public async Task DeleteObjectAsync_Full_FlushesTheFolderLeftAfterTheUnlink()
    {
        var store = await StoreWithBucketAsync(StoreDurability.Full);
        await PutAsync(store, "d/k", "v");
        await PutAsync(store, "d/other", "v");

        var synced = await SyncedAsync(async () =>
        {
            await store.DeleteObjectAsync("bkt", "d/k", Cancel); // d keeps "other"
            await store.DeleteObjectAsync("bkt", "d/other", Cancel); // d goes, bkt loses it
        });

        synced.ShouldBe(["bkt/d", "bkt"]);
    }

    [Fact]
    public async Task EveryWrite_Normal_FlushesNothing()
    {
        var store = await StoreWithBucketAsync(StoreDurability.Normal);
        var source = Path.Combine(Path.GetDirectoryName(_root)!, "output");
        Directory.CreateDirectory(source);
        await File.WriteAllTextAsync(Path.Combine(source, "a.txt"), "a", Cancel);

        var synced = await SyncedAsync(async () =>
        {
            await store.CreateBucketAsync("c2c", Cancel);
            await PutAsync(store, "x/y/k", "v");
            await store.CopyObjectAsync("bkt", "x/y/k", "bkt", "x/copy", null, Cancel);
            var id = await store.CreateMultipartUploadAsync("bkt", "m", ObjectAttributes.None, Cancel);
            var part = await store.UploadPartAsync("bkt", "m", id, 1, new MemoryStream([1, 2, 3]), Cancel);
            await store.CompleteMultipartUploadAsync("bkt", "m", id, [(1, part.ETag)], Cancel);
            await store.UploadDirectoryAsync(source, "s3://bkt/out", Cancel);
            store.UploadFile(Path.Combine(source, "a.txt"), "s3://bkt/file");
            await using (var write = await store.OpenWriteAsync("s3://bkt/w/k", Cancel))
            {
                await write.WriteAsync(new byte[] { 1 }, Cancel);
            }

            await store.DeleteObjectAsync("bkt", "x/y/k", Cancel);
        });

        synced.ShouldBeEmpty();
        (await store.ReadTextAsync("s3://bkt/out/a.txt", Cancel)).ShouldBe("a");
    }

    [Fact]
    public async Task UploadFile_Full_FlushesTheFileBeforeItsRenameThenItsFolder()
    {
        var store = await StoreWithBucketAsync(StoreDurability.Full);
        await PutAsync(store, "d/k", "old");
        var file = Path.Combine(Path.GetDirectoryName(_root)!, "a.txt");
        await File.WriteAllTextAsync(file, "new", Cancel);

        var synced = await SyncedAsync(() =>
        {
            store.UploadFile(file, "s3://bkt/d/k");
            return Task.CompletedTask;
        });

        synced.Count.ShouldBe(2, string.Join(", ", synced));
        synced[0].ShouldStartWith(Temporary);
        synced[1].ShouldBe("bkt/d");
        (await store.ReadTextAsync("s3://bkt/d/k", Cancel)).ShouldBe("new");
    }

    private async Task<LocalObjectStore> StoreWithBucketAsync(StoreDurability durability)
    {
        var store = new LocalObjectStore(_root, durability);
        await store.CreateBucketAsync("bkt", Cancel);
        store.Durability.ShouldBe(durability);
        return store;
    }

    private async Task<List<string>> SyncedAsync(Func<Task> act)
    {
        await using var trace = await FsyncTrace.StartAsync(_root, Cancel);
        await act();
        return [.. await trace.StopAsync(Cancel)];
    }

    private static Task<ObjectDetails> PutAsync(LocalObjectStore store, string key, string content) =>
        store.PutObjectAsync("bkt", key, new MemoryStream(Encoding.UTF8.GetBytes(content)), ObjectAttributes.None, Cancel);

    /// <summary>The folder of a key's sidecar in bucket bkt: <c>.sluice/meta/bkt/</c> and the first two hex digits of the key's SHA-256.</summary>
    private static string SidecarFolder(string key) =>
        ".sluice/meta/bkt/" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..2];

    private static string Md5(string content) =>
#pragma warning disable CA5351 // S3's ETag
        Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(content)));
#pragma warning restore CA5351
}
