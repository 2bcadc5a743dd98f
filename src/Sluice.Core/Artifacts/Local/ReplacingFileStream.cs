namespace Sluice.Core.Artifacts.Local;

/// <summary>
/// A file stream that writes beside its target and moves the file into place when disposed, so that a reader never
/// sees an object half written.
/// </summary>
internal sealed class ReplacingFileStream : FileStream
{
    private readonly string _target;
    private readonly string _temporary;
    private bool _replaced;

    /// <summary>Opens a stream whose content replaces <paramref name="target"/> on disposal.</summary>
    /// <param name="target">The object's file.</param>
    /// <param name="temporary">Where to write meanwhile: a new file on the same file system, outside every bucket.</param>
    public ReplacingFileStream(string target, string temporary)
        : base(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: false)
    {
        _target = target;
        _temporary = temporary;
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Replace();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Replace();
        }
    }

    private void Replace()
    {
        if (!_replaced)
        {
            _replaced = true;
            File.Move(_temporary, _target, overwrite: true);
        }
    }
}
