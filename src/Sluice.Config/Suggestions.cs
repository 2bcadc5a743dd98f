namespace Sluice.Config;

/// <summary>Suggests the known name closest to a misspelt one, for messages.</summary>
internal static class Suggestions
{
    /// <summary>" (did you mean 'X'?)" when a known name is within a small edit distance (or differs only in case); otherwise empty.</summary>
    public static string Hint(string name, IEnumerable<string> known) =>
        Closest(name, known) is { } match ? $" (did you mean '{match}'?)" : string.Empty;

    /// <summary>The known name closest to <paramref name="name"/>, when one is close enough.</summary>
    public static string? Closest(string name, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }

            var distance = Distance(name, candidate);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = candidate;
            }
        }

        if (bestDistance <= Math.Min(3, Math.Max(1, name.Length / 3)))
        {
            return best;
        }

        // A shortened name, such as 'Int' for 'Integer'.
        return name.Length >= 3 ? known.FirstOrDefault(k => k.StartsWith(name, StringComparison.OrdinalIgnoreCase)) : null;
    }

    /// <summary>The optimal string alignment distance, case-insensitive.</summary>
    private static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 3)
        {
            return int.MaxValue;
        }

        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToUpperInvariant(a[i - 1]) == char.ToUpperInvariant(b[j - 1]) ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && char.ToUpperInvariant(a[i - 1]) == char.ToUpperInvariant(b[j - 2])
                    && char.ToUpperInvariant(a[i - 2]) == char.ToUpperInvariant(b[j - 1]))
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
