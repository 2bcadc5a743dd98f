namespace Sluice.Server.S3;

/// <summary>
/// A request body that feeds every byte to its checks and verifies them when it ends, before it reports its end: a
/// store that reads it to the end therefore never keeps a body whose checks failed. It also refuses a body longer than
/// the object size limit.
/// </summary>
/// <param name="inner">The body (already decoded from <c>aws-chunked</c> when it was).</param>
/// <param name="checks">The checks.</param>
/// <param name="maxBytes">The largest body accepted.</param>
/// <param name="verified">Filled with the checksums verified (algorithm to value) when the body ends, before its end is
/// reported: the object store keeps them with the object it commits after that.</param>
internal sealed class VerifyingStream(Stream inner, IReadOnlyList<BodyCheck> checks, long maxBytes, Dictionary<string, string> verified) : Stream
{
    private long _length;
    private bool _verified;

    /// <summary>How many bytes were read.</summary>
    public long BytesRead => _length;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _length; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        if (read == 0)
        {
            if (!_verified)
            {
                _verified = true;
                foreach (var check in checks)
                {
                    check.Verify();
                    if (check.Algorithm is not null)
                    {
                        verified[check.Algorithm] = check.Value!;
                    }
                }
            }

            return 0;
        }

        _length += read;
        if (_length > maxBytes)
        {
            throw new S3Exception("EntityTooLarge", $"Your proposed upload exceeds the maximum allowed size of {maxBytes} bytes.");
        }

        foreach (var check in checks)
        {
            check.Append(buffer.Span[..read]);
        }

        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
