using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Sluice.Server.S3;

/// <summary>
/// The one byte range of a <c>Range: bytes=...</c> header as S3 honours it: <c>a-b</c>, open-ended <c>a-</c> and suffix
/// <c>-n</c>. A header S3 would ignore (not <c>bytes=</c>, several ranges, not numbers) means the whole object.
/// </summary>
/// <param name="Start">The first byte.</param>
/// <param name="Length">How many bytes.</param>
internal readonly record struct ByteRange(long Start, long Length)
{
    /// <summary>The range a header asks of an object of <paramref name="size"/> bytes, or <see langword="null"/> for the whole object.</summary>
    /// <exception cref="S3Exception">InvalidRange (416) when no byte of the object is in the range.</exception>
    public static ByteRange? Parse(string? header, long size)
    {
        if (string.IsNullOrWhiteSpace(header) || !header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase) || header.Contains(',', StringComparison.Ordinal))
        {
            return null;
        }

        var spec = header["bytes=".Length..].Trim();
        var dash = spec.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return null;
        }

        var first = spec[..dash].Trim();
        var last = spec[(dash + 1)..].Trim();
        if (first.Length == 0)
        {
            if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var suffix))
            {
                return null;
            }

            return suffix == 0 || size == 0 ? throw Unsatisfiable(size) : new ByteRange(Math.Max(0, size - suffix), Math.Min(suffix, size));
        }

        if (!long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var start))
        {
            return null;
        }

        var end = size - 1;
        if (last.Length > 0)
        {
            if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out end) || end < start)
            {
                return null;
            }
        }

        return start >= size ? throw Unsatisfiable(size) : new ByteRange(start, Math.Min(end, size - 1) - start + 1);
    }

    /// <summary>The <c>Content-Range</c> value of this range of an object of <paramref name="size"/> bytes.</summary>
    public string ContentRange(long size) => string.Create(CultureInfo.InvariantCulture, $"bytes {Start}-{Start + Length - 1}/{size}");

    private static S3Exception Unsatisfiable(long size) => new("InvalidRange", string.Create(CultureInfo.InvariantCulture, $"The requested range is not satisfiable (the object is {size} bytes)."), StatusCodes.Status416RangeNotSatisfiable);
}
