using System.Formats.Tar;
using System.IO.Compression;

namespace Sluice.Core.Tests.Support;

/// <summary>Puts test data into an engine's object store and reads archives back, for job step tests.</summary>
internal static class ObjectStoreFixtures
{
    /// <summary>Writes an object.</summary>
    public static void Put(this EngineHarness harness, string uri, string content)
    {
        var path = harness.Engine.Objects.PathOf(uri);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    /// <summary>Writes a tar.gz object holding the given files (names may contain folders), as the SDK packs source and models.</summary>
    public static void PackTarGz(this EngineHarness harness, string uri, params (string Name, string Content)[] files)
    {
        var source = Directory.CreateTempSubdirectory("sluice-source-").FullName;
        foreach (var (name, content) in files)
        {
            var path = Path.Combine(source, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
        }

        var target = harness.Engine.Objects.PathOf(uri);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        using (var file = File.Create(target))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            TarFile.CreateFromDirectory(source, gzip, includeBaseDirectory: false);
        }

        Directory.Delete(source, recursive: true);
    }

    /// <summary>The files of a tar.gz, by relative path.</summary>
    public static Dictionary<string, string> UnpackTarGz(string tarGz)
    {
        var target = Directory.CreateTempSubdirectory("sluice-unpack-").FullName;
        using (var file = File.OpenRead(tarGz))
        using (var gzip = new GZipStream(file, CompressionMode.Decompress))
        {
            TarFile.ExtractToDirectory(gzip, target, overwriteFiles: true);
        }

        var files = Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(target, f), File.ReadAllText);
        Directory.Delete(target, recursive: true);
        return files;
    }
}
