namespace Sluice.Definitions;

/// <summary>Suggests the known name closest to a misspelt one (also for the CLI's step names).</summary>
public static class Spelling
{
    /// <summary>
    /// The candidate within an edit distance of 2 (or a case-insensitive match); else one the name shortens, as
    /// 'Prep' does 'PrepareData' or 'PrepData' does it word by word; else <see langword="null"/>.
    /// </summary>
    /// <param name="name">The name as written.</param>
    /// <param name="candidates">The names that exist.</param>
    /// <returns>The suggestion, if any.</returns>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(candidates);
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

        if (name.Length < 3)
        {
            return null;
        }

        // A shortened name, such as 'Prep' for 'PrepareData', or shortened word by word, such as 'PrepData' or
        // 'EvalModel' for 'PrepareData' or 'EvaluateModel'. Every word must begin its counterpart, in the same number
        // of words, so a name that merely shares a word ('PrepModel' and 'PrepareData') suggests nothing.
        return candidates.FirstOrDefault(c => c.StartsWith(name, StringComparison.OrdinalIgnoreCase))
            ?? candidates.FirstOrDefault(c => ShortensWordByWord(name, c));
    }

    /// <summary>" (did you mean 'X'?)" when a close candidate exists; otherwise empty.</summary>
    /// <param name="name">The name as written.</param>
    /// <param name="candidates">The names that exist.</param>
    /// <returns>The hint, with its leading space, or an empty string.</returns>
    public static string Hint(string name, IEnumerable<string> candidates) =>
        Closest(name, candidates) is { } match ? $" (did you mean '{match}'?)" : string.Empty;

    /// <summary>The optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours, case-insensitive.</summary>
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
                var cost = Same(a[i - 1], b[j - 1]) ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && Same(a[i - 1], b[j - 2]) && Same(a[i - 2], b[j - 1]))
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    /// <summary>Whether each word of <paramref name="name"/> begins the word in the same place of <paramref name="candidate"/>.</summary>
    private static bool ShortensWordByWord(string name, string candidate)
    {
        var abbreviated = Words(name);
        var full = Words(candidate);
        return abbreviated.Count > 1 && abbreviated.Count == full.Count
            && abbreviated.Zip(full).All(pair => pair.Second.StartsWith(pair.First, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The words of a name: split at each upper-case letter after a lower-case one or a digit, and at '-', '_' and '.'.</summary>
    private static List<string> Words(string name)
    {
        var words = new List<string>();
        var start = 0;
        for (var i = 0; i <= name.Length; i++)
        {
            var end = i == name.Length || name[i] is '-' or '_' or '.'
                || (i > 0 && char.IsUpper(name[i]) && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1])));
            if (!end)
            {
                continue;
            }

            if (i > start)
            {
                words.Add(name[start..i]);
            }

            start = name.Length > i && name[i] is '-' or '_' or '.' ? i + 1 : i;
        }

        return words;
    }

    private static bool Same(char x, char y) => char.ToUpperInvariant(x) == char.ToUpperInvariant(y);
}
