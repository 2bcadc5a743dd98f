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

        var length = Math.Min(x.Length, y.Length);
        for (var i = 0; i < length; i++)
        {
            if (x[i] != y[i])
            {
                return Rank(x[i]) - Rank(y[i]);
            }
        }

        return x.Length - y.Length;
    }

    /// <summary>Moves surrogates above U+E000-U+FFFF so that UTF-16 units compare as code points do.</summary>
    private static int Rank(char c) => c < 0xD800 ? c : c >= 0xE000 ? c - 0x800 : c + 0x2000;
}
