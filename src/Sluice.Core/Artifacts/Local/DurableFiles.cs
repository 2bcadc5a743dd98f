using System.Collections.Concurrent;
using Microsoft.Win32.SafeHandles;
using Sluice.Core.Jobs.Local;
using Sluice.Core.Storage;

namespace Sluice.Core.Artifacts.Local;

/// <summary>
/// How the local object store makes its writes durable (<c>store.durability</c>). With
/// <see cref="StoreDurability.Full"/> a file is flushed to the disk (fsync) before the rename that publishes it, and a
/// folder whose entries changed (a file renamed into it or removed from it, a folder created in it) is flushed after
/// the change, so an acknowledged write survives a power loss. With <see cref="StoreDurability.Normal"/> nothing is
/// flushed: the page cache keeps every write across a killed process, not across a power loss.
/// </summary>
/// <remarks>
/// A folder created here is remembered until its parent has been flushed: a writer that renames a file into it
/// meanwhile (it exists, so that writer created nothing) flushes that parent as well before it acknowledges, so no
/// acknowledged object hangs from a folder entry that is not on the disk yet.
/// </remarks>
internal sealed class DurableFiles(StoreDurability durability)
{
    /// <summary>Folders created and not yet recorded in their parent on the disk.</summary>
    private readonly ConcurrentDictionary<string, byte> _unflushed = new(StringComparer.Ordinal);

    /// <summary>The mode.</summary>
    public StoreDurability Durability { get; } = durability;

    /// <summary>Whether writes are flushed to the disk.</summary>
    public bool Full => Durability == StoreDurability.Full;

    /// <summary>Flushes a written file's content to the disk, with <see cref="StoreDurability.Full"/>.</summary>
    /// <param name="file">The file, still open.</param>
    public void Flush(SafeFileHandle file)
    {
        if (Full)
        {
            RandomAccess.FlushToDisk(file);
        }
    }

    /// <summary>Writes a small file whole (created or truncated), flushed to the disk with <see cref="StoreDurability.Full"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="content">Its bytes.</param>
    public void WriteAllBytes(string path, ReadOnlySpan<byte> content)
    {
        using var file = File.OpenHandle(path, FileMode.Create, FileAccess.Write, FileShare.None);
        RandomAccess.Write(file, content, 0);
        Flush(file);
    }

    /// <summary>
    /// Copies a file to <paramref name="destination"/>. With <see cref="StoreDurability.Full"/>, through
    /// <paramref name="temporary"/> (flushed, then renamed into place; its folder is for the caller to
    /// <see cref="FlushFolder"/>); else in place, as <see cref="File.Copy(string, string, bool)"/>.
    /// </summary>
    /// <param name="source">The file copied.</param>
    /// <param name="destination">Where to.</param>
    /// <param name="temporary">A new file name on the destination's file system.</param>
    public void Copy(string source, string destination, Func<string> temporary)
    {
        if (!Full)
        {
            File.Copy(source, destination, overwrite: true);
            return;
        }

        var written = temporary();
        try
        {
            File.Copy(source, written);
            using (var file = File.OpenHandle(written, FileMode.Open, FileAccess.Write, FileShare.None))
            {
                RandomAccess.FlushToDisk(file);
            }

            File.Move(written, destination, overwrite: true);
        }
        catch
        {
            File.Delete(written);
            throw;
        }
    }

    /// <summary>
    /// Creates a folder and its missing parents; with <see cref="StoreDurability.Full"/> it remembers those it creates,
    /// so that <see cref="FlushFolder"/> also flushes their parents.
    /// </summary>
    /// <param name="folder">The folder.</param>
    public void CreateFolder(string folder)
    {
        if (Full && !Directory.Exists(folder))
        {
            // Remembered before they exist: whoever sees one exist also finds it here until its parent is flushed.
            for (var missing = folder; missing is not null && !Directory.Exists(missing); missing = Path.GetDirectoryName(missing))
            {
                _unflushed.TryAdd(missing, 0);
            }
        }

        Directory.CreateDirectory(folder);
    }

    /// <summary>
    /// With <see cref="StoreDurability.Full"/>, flushes a folder whose entries changed, then the parent of each folder
    /// on its way up that was created and is not recorded on the disk yet. Nothing with
    /// <see cref="StoreDurability.Normal"/>.
    /// </summary>
    /// <param name="folder">The folder; when it is gone (a delete removed it meanwhile), the nearest folder above it
    /// that is left, whose entries changed when it went.</param>
    public void FlushFolder(string folder)
    {
        if (!Full)
        {
            return;
        }

        FlushNearest(folder);
        for (var created = folder; !_unflushed.IsEmpty && Path.GetDirectoryName(created) is { } parent; created = parent)
        {
            if (_unflushed.ContainsKey(created))
            {
                FlushNearest(parent);
                _unflushed.TryRemove(created, out _);
            }
        }
    }

    private static void FlushNearest(string folder)
    {
        while (true)
        {
            try
            {
                NativeMethods.FsyncDirectory(folder);
                return;
            }
            catch (DirectoryNotFoundException) when (Path.GetDirectoryName(folder) is { } parent)
            {
                folder = parent;
            }
        }
    }
}
