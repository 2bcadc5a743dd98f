using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Sluice.Server.S3;

/// <summary>
/// Decodes an <c>aws-chunked</c> body (<c>hex-size[;chunk-signature=sig]\r\n data \r\n ... 0\r\n trailers \r\n</c>) into
/// the object's bytes, so the framing is never stored. With a <see cref="ChunkSigning"/> every chunk's signature is
/// checked against the previous one (<c>STREAMING-AWS4-HMAC-SHA256-PAYLOAD</c>), and the trailer's too when it is signed.
/// Trailing headers (<c>x-amz-checksum-crc32:...</c>) are kept in <see cref="Trailers"/> once the body has ended.
/// </summary>
/// <param name="inner">The raw request body.</param>
/// <param name="signing">Verifies chunk signatures, or <see langword="null"/> for unsigned chunks.</param>
internal sealed class AwsChunkedStream(Stream inner, ChunkSigning? signing) : Stream
{
    private const int MaxLine = 4096;

    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly Dictionary<string, string> _trailers = new(StringComparer.OrdinalIgnoreCase);
    private int _position;
    private int _end;
    private long _chunkLeft;
    private bool _done;
    private string? _chunkSignature;
    private string? _previousSignature = signing?.SeedSignature;
    private IncrementalHash? _chunkHash;

    /// <summary>The trailing headers, by lower-case name, once the body has ended.</summary>
    public IReadOnlyDictionary<string, string> Trailers => _trailers;

    /// <summary>How many decoded bytes were read.</summary>
    public long DecodedLength { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => DecodedLength; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!_done && _chunkLeft == 0)
        {
            await StartChunkAsync(cancellationToken);
        }

        if (_done || buffer.Length == 0)
        {
            return 0;
        }

        if (_position == _end && !await FillAsync(cancellationToken))
        {
            throw Malformed("the body ended inside a chunk");
        }

        var count = (int)Math.Min(Math.Min(buffer.Length, _end - _position), _chunkLeft);
        _buffer.AsSpan(_position, count).CopyTo(buffer.Span);
        _chunkHash?.AppendData(_buffer, _position, count);
        _position += count;
        _chunkLeft -= count;
        DecodedLength += count;
        if (_chunkLeft == 0)
        {
            if (await ReadLineAsync(cancellationToken) is not { Length: 0 })
            {
                throw Malformed("a chunk's data is not followed by CRLF");
            }

            VerifyChunk();
        }

        return count;
    }

    /// <summary>Reads a chunk header; a zero-size chunk ends the body and is followed by the trailers.</summary>
    private async Task StartChunkAsync(CancellationToken cancellationToken)
    {
        var line = await ReadLineAsync(cancellationToken) ?? throw Malformed("the body ended before its last chunk");
        var parts = line.Split(';');
        var sizeText = parts[0].Trim();
        if (sizeText.Length is 0 or > 15 || !long.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size))
        {
            throw Malformed($"'{Shorten(sizeText)}' is not a chunk size");
        }

        _chunkSignature = parts.Skip(1).Select(p => p.Trim()).FirstOrDefault(p => p.StartsWith("chunk-signature=", StringComparison.Ordinal))?["chunk-signature=".Length..];
        if (signing is not null && _chunkSignature is null)
        {
            throw Malformed("a chunk has no chunk-signature");
        }

        _chunkHash = signing is null ? null : IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (size > 0)
        {
            _chunkLeft = size;
            return;
        }

        VerifyChunk();
        await ReadTrailersAsync(cancellationToken);
        _done = true;
    }

    private void VerifyChunk()
    {
        if (signing is null || _chunkHash is null)
        {
            return;
        }

        var expected = signing.ChunkSignature(_previousSignature!, Convert.ToHexStringLower(_chunkHash.GetHashAndReset()));
        _chunkHash.Dispose();
        _chunkHash = null;
        if (!FixedEquals(expected, _chunkSignature!))
        {
            throw SignatureMismatch();
        }

        _previousSignature = expected;
    }

    private async Task ReadTrailersAsync(CancellationToken cancellationToken)
    {
        var canonical = new StringBuilder();
        string? trailerSignature = null;
        while (await ReadLineAsync(cancellationToken) is { Length: > 0 } line)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw Malformed($"'{Shorten(line)}' is not a trailing header");
            }

            var name = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            if (name == "x-amz-trailer-signature")
            {
                trailerSignature = value;
                continue;
            }

            if (_trailers.Count >= 10)
            {
                throw Malformed("too many trailing headers");
            }

            _trailers[name] = value;
            canonical.Append(name).Append(':').Append(value).Append('\n');
        }

        if (signing is not null && trailerSignature is not null
            && !FixedEquals(signing.TrailerSignature(_previousSignature!, canonical.ToString()), trailerSignature))
        {
            throw SignatureMismatch();
        }
    }

    /// <summary>One CRLF-terminated line, or <see langword="null"/> at the end of the body.</summary>
    private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new List<byte>();
        while (true)
        {
            if (_position == _end && !await FillAsync(cancellationToken))
            {
                return line.Count == 0 ? null : throw Malformed("the body ended inside a line");
            }

            var b = _buffer[_position++];
            if (b == '\n')
            {
                if (line.Count > 0 && line[^1] == '\r')
                {
                    line.RemoveAt(line.Count - 1);
                }

                return Encoding.ASCII.GetString([.. line]);
            }

            if (line.Count >= MaxLine)
            {
                throw Malformed("a chunk header or trailer line is too long");
            }

            line.Add(b);
        }
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        _position = 0;
        _end = await inner.ReadAsync(_buffer, cancellationToken);
        return _end > 0;
    }

    private static bool FixedEquals(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(actual.ToLowerInvariant()));

    private static S3Exception Malformed(string why) => new("IncompleteBody", $"The aws-chunked request body is malformed: {why}.");

    private static S3Exception SignatureMismatch() => new(
        "SignatureDoesNotMatch",
        "The request signature we calculated does not match the signature you provided (a chunk signature of an aws-chunked body).",
        StatusCodes.Status403Forbidden);

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _chunkHash?.Dispose();
        }

        base.Dispose(disposing);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
