using System.Formats.Tar;
using System.IO.Compression;
using Sluice.Sdk.Code;
using Sluice.Sdk.Tests.Support;

namespace Sluice.Sdk.Tests.Code;

public sealed class SourcePackerTests
{
    [Fact]
    public void Pack_Folder_PutsItsFilesAtTheRootInNameOrder()
    {
        using var folder = new TemporaryFolder();
        folder.Write("src/train.py", "print(1)\n");
        folder.Write("src/lib/util.py", "X = 2\n");
        folder.Write("src/inference.py", "pass\n");

        var entries = Read(SourcePacker.Pack(System.IO.Path.Combine(folder.Path, "src")));

        entries.Select(e => e.Name).ShouldBe(["inference.py", "lib/util.py", "train.py"]);
        entries.Single(e => e.Name == "lib/util.py").Content.ShouldBe("X = 2\n");
        entries.ShouldAllBe(e => e.Time == SourcePacker.FixedTime);
    }

    [Fact]
    public void Pack_SameFilesTwice_GivesTheSameBytes()
    {
        using var folder = new TemporaryFolder();
        folder.Write("src/train.py", "print(1)\n");
        var source = System.IO.Path.Combine(folder.Path, "src");
        var first = SourcePacker.Pack(source);
        File.SetLastWriteTimeUtc(System.IO.Path.Combine(source, "train.py"), DateTime.UtcNow.AddDays(-3));

        var second = SourcePacker.Pack(source);

        second.ShouldBe(first);
    }

    [Fact]
    public void Pack_OneFile_PutsItAtTheRoot()
    {
        using var folder = new TemporaryFolder();
        var script = folder.Write("deep/train.py", "print(1)\n");

        Read(SourcePacker.Pack(script)).Select(e => e.Name).ShouldBe(["train.py"]);
    }

    private static List<(string Name, string Content, DateTimeOffset Time)> Read(byte[] archive)
    {
        using var gzip = new GZipStream(new MemoryStream(archive), CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        var entries = new List<(string, string, DateTimeOffset)>();
        while (reader.GetNextEntry() is { } entry)
        {
            using var content = new StreamReader(entry.DataStream!);
            entries.Add((entry.Name, content.ReadToEnd(), entry.ModificationTime));
        }

        return entries;
    }
}
