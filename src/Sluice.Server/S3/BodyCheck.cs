using System.Buffers.Binary;
using System.IO.Hashing;
using System.Security.Cryptography;

namespace Sluice.Server.S3;

/// <summary>
/// One check of a request body, computed while it streams and compared when it ends: a payload hash, Content-MD5 or an
/// <c>x-amz-checksum-*</c> value (from a header, or from the trailer of an <c>aws-chunked</c> body).
/// </summary>
/// <param name="append">Feeds bytes.</param>
/// <param name="finish">The digest, formatted as the client sends it.</param>
/// <param name="expected">The value the client sent, read when the body has ended (a trailer arrives last).</param>
/// <param name="mismatch">The error when they differ.</param>
/// <param name="algorithm">The checksum algorithm name S3 uses (<c>CRC32</c>...), to keep with the object; <see langword="null"/> for other checks.</param>
internal sealed class BodyCheck(Action<ReadOnlySpan<byte>> append, Func<string> finish, Func<string?> expected, Func<string, S3Exception> mismatch, string? algorithm = null)
{
    /// <summary>The checksum algorithm to keep with the object, when this is one.</summary>
    public string? Algorithm { get; } = algorithm;

    /// <summary>The verified value, once <see cref="Verify"/> passed.</summary>
    public string? Value { get; private set; }

    /// <summary>Feeds bytes.</summary>
    public void Append(ReadOnlySpan<byte> bytes) => append(bytes);

    /// <summary>Compares the digest with the value the client sent.</summary>
    /// <exception cref="S3Exception">When they differ or the value never came.</exception>
    public void Verify()
    {
        var actual = finish();
        var wanted = expected();
        if (wanted is null || !string.Equals(wanted.Trim(), actual, StringComparison.Ordinal))
        {
            throw mismatch(actual);
        }

        Value = actual;
    }

    /// <summary>A check of a hash the client sent in base64 (Content-MD5, x-amz-checksum-sha256/sha1).</summary>
    public static BodyCheck Base64Hash(HashAlgorithmName name, Func<string?> expected, Func<string, S3Exception> mismatch, string? algorithm = null)
    {
        var hash = IncrementalHash.CreateHash(name);
        return new BodyCheck(b => hash.AppendData(b), () => Convert.ToBase64String(hash.GetHashAndReset()), expected, mismatch, algorithm);
    }

    /// <summary>The check of <c>x-amz-content-sha256</c> given as hex.</summary>
    public static BodyCheck PayloadSha256(string expectedHex)
    {
        var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        return new BodyCheck(
            b => hash.AppendData(b),
            () => Convert.ToHexStringLower(hash.GetHashAndReset()),
            () => expectedHex.ToLowerInvariant(),
            _ => new S3Exception("XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed."));
    }

    /// <summary>The check of a CRC32 checksum (base64 of the big-endian value).</summary>
    public static BodyCheck Crc32Checksum(Func<string?> expected, Func<string, S3Exception> mismatch)
    {
        var crc = new Crc32();
        return new BodyCheck(
            b => crc.Append(b),
            () =>
            {
                Span<byte> value = stackalloc byte[4];
                BinaryPrimitives.WriteUInt32BigEndian(value, crc.GetCurrentHashAsUInt32());
                return Convert.ToBase64String(value);
            },
            expected,
            mismatch,
            "CRC32");
    }
}
