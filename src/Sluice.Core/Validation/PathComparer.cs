using System.Globalization;

namespace Sluice.Definitions.Validation;

/// <summary>Orders JSON paths as their elements stand in the document: <c>Steps[2]</c> before <c>Steps[10]</c>.</summary>
internal sealed class PathComparer : IComparer<string>
{
    public static readonly PathComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                var si = i;
                var sj = j;
                while (i < x.Length && char.IsAsciiDigit(x[i]))
                {
                    i++;
                }

                while (j < y.Length && char.IsAsciiDigit(y[j]))
                {
                    j++;
                }

                var a = long.Parse(x.AsSpan(si, i - si), CultureInfo.InvariantCulture);
                var b = long.Parse(y.AsSpan(sj, j - sj), CultureInfo.InvariantCulture);
                if (a != b)
                {
                    return a.CompareTo(b);
                }

                continue;
            }

            if (x[i] != y[j])
            {
                return x[i].CompareTo(y[j]);
            }

            i++;
            j++;
        }

        return (x.Length - i).CompareTo(y.Length - j);
    }
}
