namespace Sluice.Core.Definitions;

/// <summary>Suggests the known name closest to a misspelt one.</summary>
internal static class Spelling
{
    /// <summary>The candidate within an edit distance of 2 (or a case-insensitive match), or <see langword="null"/>.</summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
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

        if (bestDistance <= Math.Min(2, Math.Max(1, name.Length / 3)))
        {
            return best;
        }

        // A shortened name, such as 'Prep' for 'PrepareData'.
        return name.Length >= 3 ? candidates.FirstOrDefault(c => c.StartsWith(name, StringComparison.OrdinalIgnoreCase)) : null;
    }

    /// <summary>" (did you mean 'X'?)" when a close candidate exists; otherwise empty.</summary>
    public static string Hint(string name, IEnumerable<string> candidates) =>
        Closest(name, candidates) is { } match ? $" (did you mean '{match}'?)" : string.Empty;

    private static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 3)
        {
            return int.MaxValue;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToUpperInvariant(a[i - 1]) == char.ToUpperInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
