using System.Text;
using Sluice.Core.Jobs.Local;

namespace Sluice.Core.Jobs;

/// <summary>
/// Reads what a job left in its folder without ever leaving it: no symbolic link is followed, and only regular files
/// and directories are read. A job is untrusted code: a link in its output folder to the store, or a FIFO where its
/// failure file should be, must not make Sluice read (and upload) host files or hang. Every method expects the job to
/// have ended, so the folder no longer changes under it.
/// </summary>
public static class JobFiles
{
    /// <summary>The regular files under a folder, in ordinal order of their paths; none when the folder does not exist.</summary>
    /// <param name="root">The folder.</param>
    /// <returns>The files' full paths.</returns>
    /// <exception cref="UnsafeJobFileException">When the folder, or anything under it, is a link, FIFO, socket or device.</exception>
    public static IReadOnlyList<string> RegularFiles(string root)
    {
        var files = new List<string>();
        switch (NativeMethods.LStat(root)?.Kind)
        {
            case null:
                return files;
            case FileKind.Directory:
                Walk(root, root, files);
                files.Sort(StringComparer.Ordinal);
                return files;
            default:
                throw Refused(root, root);
        }
    }

    /// <summary>The total size of the regular files under a folder, links not followed and not counted beyond themselves.</summary>
    /// <param name="root">The folder.</param>
    /// <returns>Bytes; 0 when it does not exist.</returns>
    public static long SizeOf(string root)
    {
        var total = 0L;
        var pending = new Stack<string>([root]);
        while (pending.TryPop(out var directory))
        {
            IEnumerable<string> entries;
            try
            {
                entries = Directory.EnumerateFileSystemEntries(directory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var entry in entries)
            {
                if (NativeMethods.LStat(entry) is not { } stat)
                {
                    continue;
                }

                total += stat.Size;
                if (stat.Kind == FileKind.Directory)
                {
                    pending.Push(entry);
                }
            }
        }

        return total;
    }

    /// <summary>
    /// Reads a small text file that a job writes (<c>/opt/ml/output/failure</c>, say) when it is there: every folder
    /// on the way and the file itself must be real, not links, and the file regular.
    /// </summary>
    /// <param name="jobDirectory">The job's folder (its <c>/opt/ml</c>).</param>
    /// <param name="relativePath">The file's path below it, with <c>/</c> separators.</param>
    /// <param name="maxBytes">How much of it is read at most.</param>
    /// <returns>The text, or <see langword="null"/> when there is no such file.</returns>
    /// <exception cref="UnsafeJobFileException">When a part of the path is a link or the file is not regular.</exception>
    public static string? ReadSmallText(string jobDirectory, string relativePath, int maxBytes)
    {
        var path = jobDirectory;
        foreach (var part in relativePath.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            path = Path.Combine(path, part);
            switch (NativeMethods.LStat(path)?.Kind)
            {
                case null:
                    return null;
                case FileKind.Directory or FileKind.Regular:
                    break;
                default:
                    throw Refused(jobDirectory, path);
            }
        }

        if (NativeMethods.LStat(path)?.Kind != FileKind.Regular)
        {
            throw Refused(jobDirectory, path);
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
        var buffer = new byte[Math.Min(maxBytes, Math.Max(0, stream.Length))];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    private static void Walk(string root, string directory, List<string> files)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(directory))
        {
            switch (NativeMethods.LStat(entry)?.Kind)
            {
                case FileKind.Regular:
                    files.Add(entry);
                    break;
                case FileKind.Directory:
                    Walk(root, entry, files);
                    break;
                case null:
                    break;
                default:
                    throw Refused(root, entry);
            }
        }
    }

    private static UnsafeJobFileException Refused(string root, string entry)
    {
        var relative = Path.GetRelativePath(root, entry);
        var name = relative == "." ? entry : relative;
        var what = NativeMethods.LStat(entry)?.Kind == FileKind.SymbolicLink
            ? $"a symbolic link (to '{SafeTarget(entry)}')"
            : "not a regular file or folder (a FIFO, socket or device)";
        return new UnsafeJobFileException(
            $"'{name}' in the job's folder is {what}; Sluice reads only regular files and folders a job writes, and follows no link out of it");
    }

    private static string SafeTarget(string link)
    {
        try
        {
            return new FileInfo(link).LinkTarget ?? "?";
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
