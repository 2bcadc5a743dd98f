using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Sluice.Core.Artifacts;

namespace Sluice.Server.S3;

/// <summary>
/// A request body as the object store reads it: <c>aws-chunked</c> framing decoded (chunk signatures checked when
/// signed), and every check the client asked for verified when it ends: the payload's SHA-256 (signed requests),
/// Content-MD5, and <c>x-amz-checksum-crc32</c>/<c>-sha1</c>/<c>-sha256</c> from a header or the trailer.
/// </summary>
internal static class S3Body
{
    private static readonly string[] ChecksumAlgorithms = ["crc32", "crc32c", "crc64nvme", "sha1", "sha256"];

    /// <summary>Opens a request's body.</summary>
    /// <param name="context">The request.</param>
    /// <param name="signing">What verifies a signed streaming body's chunks, or <see langword="null"/>.</param>
    /// <param name="verifyPayloadHash">Whether a hex <c>x-amz-content-sha256</c> is checked (when signatures are).</param>
    /// <param name="maxBytes">The largest decoded body accepted.</param>
    /// <param name="checksums">Filled with the checksums verified, by S3's algorithm name, once the body has ended.</param>
    /// <returns>The decoded, verifying body.</returns>
    public static Stream Open(HttpContext context, ChunkSigning? signing, bool verifyPayloadHash, long maxBytes, Dictionary<string, string> checksums)
    {
        var request = context.Request;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null; // bounded by maxBytes on the decoded bytes instead
        }

        var sha = request.Headers["x-amz-content-sha256"].ToString();
        var chunked = sha.StartsWith("STREAMING-", StringComparison.Ordinal)
            || request.Headers.ContentEncoding.ToString().Contains("aws-chunked", StringComparison.OrdinalIgnoreCase);
        var decoder = chunked ? new AwsChunkedStream(request.Body, signing) : null;
        var checks = new List<BodyCheck>();
        if (!chunked && verifyPayloadHash && sha.Length == 64 && sha.All(char.IsAsciiHexDigit))
        {
            checks.Add(BodyCheck.PayloadSha256(sha));
        }

        if (request.Headers["Content-MD5"].ToString() is { Length: > 0 } md5)
        {
            if (!IsBase64Of(md5, 16))
            {
                throw new S3Exception("InvalidDigest", "The Content-MD5 you specified was invalid.");
            }

            checks.Add(BodyCheck.Base64Hash(HashAlgorithmName.MD5, () => md5, _ => new S3Exception("BadDigest", "The Content-MD5 you specified did not match what we received.")));
        }

        var trailer = request.Headers["x-amz-trailer"].ToString().Trim().ToLowerInvariant();
        foreach (var algorithm in ChecksumAlgorithms)
        {
            var name = "x-amz-checksum-" + algorithm;
            Func<string?>? expected = request.Headers[name].ToString() is { Length: > 0 } value
                ? () => value
                : decoder is not null && trailer == name ? () => decoder.Trailers.GetValueOrDefault(name) : null;
            if (expected is null)
            {
                continue;
            }

            var upper = algorithm.ToUpperInvariant();
            S3Exception Mismatch(string _) => new("BadDigest", $"The {upper} you specified did not match the calculated checksum.");
            var check = algorithm switch
            {
                "crc32" => BodyCheck.Crc32Checksum(expected, Mismatch),
                "sha1" => BodyCheck.Base64Hash(HashAlgorithmName.SHA1, expected, Mismatch, upper),
                "sha256" => BodyCheck.Base64Hash(HashAlgorithmName.SHA256, expected, Mismatch, upper),
                _ => null, // CRC32C and CRC64NVME are accepted unverified, and not kept
            };
            if (check is not null)
            {
                checks.Add(check);
            }
        }

        if (decoder is not null && request.Headers["x-amz-decoded-content-length"].ToString() is { Length: > 0 } decodedLength)
        {
            checks.Add(new BodyCheck(
                _ => { },
                () => decoder.DecodedLength.ToString(CultureInfo.InvariantCulture),
                () => decodedLength,
                _ => new S3Exception("IncompleteBody", "The aws-chunked body's length differs from x-amz-decoded-content-length.")));
        }

        return new VerifyingStream(decoder ?? request.Body, checks, maxBytes, checksums);
    }

    /// <summary>Reads a small XML body (DeleteObjects, CompleteMultipartUpload) through the same checks.</summary>
    public static async Task<byte[]> ReadSmallAsync(HttpContext context, ChunkSigning? signing, bool verifyPayloadHash, long maxBytes)
    {
        await using var body = Open(context, signing, verifyPayloadHash, maxBytes, []);
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, context.RequestAborted);
        return buffer.ToArray();
    }

    /// <summary>What a PutObject, CopyObject (REPLACE) or CreateMultipartUpload says about the object, from its headers.</summary>
    /// <exception cref="S3Exception">MetadataTooLarge when the user metadata is over S3's 2 KB.</exception>
    public static ObjectAttributes AttributesOf(HttpRequest request, IReadOnlyDictionary<string, string> checksums)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var size = 0;
        foreach (var (name, values) in request.Headers)
        {
            if (name.StartsWith("x-amz-meta-", StringComparison.OrdinalIgnoreCase))
            {
                var key = name["x-amz-meta-".Length..].ToLowerInvariant();
                metadata[key] = values.ToString();
                size += Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(metadata[key]);
            }
        }

        if (size > 2048)
        {
            throw new S3Exception("MetadataTooLarge", "Your metadata headers exceed the maximum allowed metadata size (2 KB).");
        }

        var encoding = string.Join(',', request.Headers.ContentEncoding.ToString().Split(',').Select(e => e.Trim()).Where(e => e.Length > 0 && !e.Equals("aws-chunked", StringComparison.OrdinalIgnoreCase)));
        return new ObjectAttributes
        {
            ContentType = NullIfEmpty(request.ContentType),
            ContentEncoding = NullIfEmpty(encoding),
            ContentDisposition = NullIfEmpty(request.Headers.ContentDisposition.ToString()),
            CacheControl = NullIfEmpty(request.Headers.CacheControl.ToString()),
            Metadata = metadata,
            Checksums = checksums,
        };
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static bool IsBase64Of(string text, int length)
    {
        Span<byte> bytes = stackalloc byte[64];
        return Convert.TryFromBase64String(text.Trim(), bytes, out var written) && written == length;
    }
}
