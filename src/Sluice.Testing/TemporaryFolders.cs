namespace Sluice.Testing;

/// <summary>Removes the temporary folders test hosts make.</summary>
internal static class TemporaryFolders
{
    /// <summary>
    /// Deletes a folder and everything in it. Job folders can hold read-only files (a job may chmod its outputs), which
    /// <see cref="Directory.Delete(string, bool)"/> refuses on some systems, so a failed attempt clears the attributes
    /// and tries once more.
    /// </summary>
    /// <param name="path">The folder.</param>
    public static void Remove(string path)
    {
        if (!Directory.Exists(path))
        {
            return;
        }

        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            foreach (var entry in new DirectoryInfo(path).EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
            {
                entry.Attributes = FileAttributes.Normal;
            }

            Directory.Delete(path, recursive: true);
        }
    }
}
