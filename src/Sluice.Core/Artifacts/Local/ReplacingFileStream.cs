namespace Sluice.Core.Artifacts.Local;

/// <summary>
/// A file stream that writes beside its target and moves the file into place when disposed, so that a reader never
/// sees an object half written. With <c>store.durability: full</c> the file is flushed to the disk before the move
/// and the target's folder after it, so the object survives a power loss once the disposal has completed.
/// </summary>
internal sealed class ReplacingFileStream : FileStream
{
    private readonly string _target;
    private readonly string _temporary;
    private readonly DurableFiles _durable;
    private bool _flushed;
    private bool _replaced;

    /// <summary>Opens a stream whose content replaces <paramref name="target"/> on disposal.</summary>
    /// <param name="target">The object's file; its folder exists (created through <paramref name="durable"/>).</param>
    /// <param name="temporary">Where to write meanwhile: a new file on the same file system, outside every bucket.</param>
    /// <param name="durable">Whether and how the file and the folder are flushed.</param>
    public ReplacingFileStream(string target, string temporary, DurableFiles durable)
        : base(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: false)
    {
        _target = target;
        _temporary = temporary;
        _durable = durable;
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        FlushToDisk();
        await base.DisposeAsync();
        Replace();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            FlushToDisk();
        }

        base.Dispose(disposing);
        if (disposing)
        {
            Replace();
        }
    }

    private void FlushToDisk()
    {
        if (_durable.Full && !_flushed && !_replaced)
        {
            _flushed = true;
            Flush(flushToDisk: true);
        }
    }

    private void Replace()
    {
        if (!_replaced)
        {
            _replaced = true;
            File.Move(_temporary, _target, overwrite: true);
            _durable.FlushFolder(Path.GetDirectoryName(_target)!);
        }
    }
}
