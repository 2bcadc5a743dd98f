namespace Sluice.Server.S3;

/// <summary>A read-only window of a seekable stream: <paramref name="length"/> bytes from <paramref name="start"/>.</summary>
/// <param name="inner">The stream; not disposed with the window.</param>
/// <param name="start">The first byte.</param>
/// <param name="length">How many bytes.</param>
internal sealed class SliceStream(Stream inner, long start, long length) : Stream
{
    private long _position;
    private bool _positioned;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        EnsurePositioned();
        var read = inner.Read(buffer[..Allowed(buffer.Length)]);
        _position += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        EnsurePositioned();
        var read = await inner.ReadAsync(buffer[..Allowed(buffer.Length)], cancellationToken);
        _position += read;
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Allowed(int wanted) => (int)Math.Min(wanted, length - _position);

    private void EnsurePositioned()
    {
        if (!_positioned)
        {
            inner.Seek(start, SeekOrigin.Begin);
            _positioned = true;
        }
    }
}
