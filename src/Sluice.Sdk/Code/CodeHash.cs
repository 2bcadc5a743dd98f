using System.Security.Cryptography;
using System.Text;

namespace Sluice.Sdk.Code;

/// <summary>
/// The content hash the Python SDK puts in code upload paths (<c>hash_files_or_dirs</c> in
/// <c>sagemaker.workflow.utilities</c>): SHA-256 over the paths in order, each path's text followed by the file's bytes,
/// or, for a folder, by each entry's name and contents in name order, recursively. Changing a file changes the path, so
/// a cached step runs again exactly when its code changed.
/// </summary>
internal static class CodeHash
{
    /// <summary>The hash of files and folders, as lowercase hex.</summary>
    /// <param name="paths">The paths as the user gave them (their text is part of the hash, as in the Python SDK).</param>
    public static string Of(IEnumerable<string> paths)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var given in paths.Order(StringComparer.Ordinal))
        {
            var path = given.StartsWith("file://", StringComparison.OrdinalIgnoreCase) ? Uri.UnescapeDataString(given["file://".Length..]) : given;
            sha.AppendData(Encoding.UTF8.GetBytes(path));
            if (Directory.Exists(path))
            {
                AppendDirectory(sha, path);
            }
            else if (File.Exists(path))
            {
                AppendFile(sha, path);
            }
            else
            {
                throw new FileNotFoundException($"'{given}' is neither a file nor a folder", given);
            }
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static void AppendDirectory(IncrementalHash sha, string directory)
    {
        // Python sorts Path objects, which compare their text: ordinal order of the entry names.
        foreach (var entry in Directory.EnumerateFileSystemEntries(directory).Order(StringComparer.Ordinal))
        {
            sha.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(entry)));
            if (Directory.Exists(entry))
            {
                AppendDirectory(sha, entry);
            }
            else
            {
                AppendFile(sha, entry);
            }
        }
    }

    private static void AppendFile(IncrementalHash sha, string file)
    {
        using var stream = File.OpenRead(file);
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            sha.AppendData(buffer, 0, read);
        }
    }
}
