namespace Sluice.Core.Artifacts.Local;

/// <summary>Orders strings as S3 orders keys: by their UTF-8 bytes (which is code point order, unlike UTF-16 ordinal order
/// for characters above U+E000 against surrogate pairs).</summary>
internal sealed class Utf8Order : IComparer<string>
{
    /// <summary>The one instance.</summary>
    public static readonly Utf8Order Instance = new();

    /// <inheritdoc />
    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        return Compare(x.AsSpan(), y.AsSpan());
    }

    /// <summary>Compares two keys given as characters.</summary>
    public static int Compare(ReadOnlySpan<char> x, ReadOnlySpan<char> y)
    {
        var common = x.CommonPrefixLength(y); // vectorized: keys of one listing share long prefixes
        return common < x.Length && common < y.Length ? Rank(x[common]) - Rank(y[common]) : x.Length - y.Length;
    }

    /// <summary>Compares the key <paramref name="head"/> followed by <paramref name="tail"/> with <paramref name="other"/>,
    /// without building the concatenation.</summary>
    public static int Compare(ReadOnlySpan<char> head, ReadOnlySpan<char> tail, ReadOnlySpan<char> other)
    {
        var inHead = Math.Min(head.Length, other.Length);
        var byHead = Compare(head, other[..inHead]);
        if (byHead != 0 || head.Length > other.Length)
        {
            return byHead != 0 ? byHead : 1;
        }

        return Compare(tail, other[head.Length..]);
    }

    /// <summary>Moves surrogates above U+E000-U+FFFF so that UTF-16 units compare as code points do.</summary>
    private static int Rank(char c) => c < 0xD800 ? c : c >= 0xE000 ? c - 0x800 : c + 0x2000;
}
