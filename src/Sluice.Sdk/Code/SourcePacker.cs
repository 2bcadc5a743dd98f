using System.Formats.Tar;
using System.IO.Compression;

namespace Sluice.Sdk.Code;

/// <summary>
/// Packs script-mode source code as <c>sourcedir.tar.gz</c>, as the Python SDK packs an estimator's
/// <c>source_dir</c>: the folder's contents at the archive's root. The bytes depend only on the files: entries in
/// name order, one fixed time, owner 0, so packing the same code twice gives the same archive.
/// </summary>
internal static class SourcePacker
{
    /// <summary>The time every entry carries.</summary>
    public static readonly DateTimeOffset FixedTime = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Packs a folder's files (recursively), or one file, into a gzipped tar archive.</summary>
    /// <param name="source">A folder, whose contents go to the archive's root, or a single file.</param>
    /// <returns>The archive's bytes.</returns>
    public static byte[] Pack(string source)
    {
        var files = Directory.Exists(source)
            ? Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories)
                .Select(f => (Path: f, Name: Path.GetRelativePath(source, f).Replace(Path.DirectorySeparatorChar, '/')))
                .OrderBy(f => f.Name, StringComparer.Ordinal)
                .ToList()
            : [(Path: source, Name: Path.GetFileName(source))];

        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Gnu, leaveOpen: true))
        {
            foreach (var (path, name) in files)
            {
                var entry = new GnuTarEntry(TarEntryType.RegularFile, name)
                {
                    ModificationTime = FixedTime,
                    AccessTime = FixedTime,
                    ChangeTime = FixedTime,
                    Uid = 0,
                    Gid = 0,
                    Mode = IsExecutable(path)
                        ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead
                            | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute
                        : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                };
                using var content = File.OpenRead(path);
                entry.DataStream = content;
                tar.WriteEntry(entry);
            }
        }

        return buffer.ToArray();
    }

    private static bool IsExecutable(string path) =>
        !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0;
}
