namespace Sluice.Concourse.Configuration;

/// <summary>Finds the known word a misspelt one was meant to be.</summary>
internal static class Spelling
{
    /// <summary>The candidate nearest to a word, when the two differ by at most two edits (or only in case).</summary>
    /// <param name="word">The word as written.</param>
    /// <param name="candidates">The known words.</param>
    /// <returns>The nearest candidate, or <see langword="null"/>.</returns>
    public static string? Nearest(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(word.ToUpperInvariant(), candidate.ToUpperInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return bestDistance <= 2 ? best : null;
    }

    /// <summary>The Levenshtein distance between two words.</summary>
    private static int Distance(string a, string b)
    {
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
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
