using System.Buffers;

namespace Sluice.Server.Console;

/// <summary>
/// Groups a large layout's steps into clusters the console can collapse, so a 10,000-step graph opens as a few hundred
/// boxes. Each column (graph rank) is cut into runs of steps sharing a name prefix (<c>train-3</c> and <c>train-4</c>
/// share <c>train</c>), each run into pieces of at most <see cref="MaxSize"/>; a column whose prefixes are too mixed to
/// make runs worth having is cut by position alone. Clusters never span columns, so collapsing one moves nothing
/// sideways. Every step is in exactly one cluster.
/// </summary>
internal static class GraphClusters
{
    /// <summary>Graphs with more steps than this are clustered; smaller ones are drawn step by step.</summary>
    public const int Threshold = 2_000;

    /// <summary>The most steps in one cluster.</summary>
    public const int MaxSize = 100;

    private static readonly SearchValues<char> Delimiters = SearchValues.Create("-_./: ");

    /// <summary>
    /// The clusters of a layout's <paramref name="columns"/> (node indices, each column top to bottom), in column order
    /// and top to bottom; empty when there are no more than <paramref name="threshold"/> steps.
    /// </summary>
    public static IReadOnlyList<GraphCluster> Group(
        IReadOnlyList<IReadOnlyList<int>> columns, IReadOnlyList<string> names, int threshold = Threshold, int maxSize = MaxSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSize, 1);
        if (names.Count <= threshold)
        {
            return [];
        }

        var clusters = new List<GraphCluster>();
        for (var c = 0; c < columns.Count; c++)
        {
            var column = columns[c];
            var runs = Runs(column, names);
            if (runs.Count > Math.Max(1, column.Count / 8))
            {
                runs = [(0, column.Count)]; // prefixes interleave: cut by position alone
            }

            foreach (var (start, length) in runs)
            {
                var pieces = (length + maxSize - 1) / maxSize;
                for (var p = 0; p < pieces; p++)
                {
                    var from = start + (int)((long)length * p / pieces);
                    var to = start + (int)((long)length * (p + 1) / pieces);
                    var members = new int[to - from];
                    for (var i = from; i < to; i++)
                    {
                        members[i - from] = column[i];
                    }

                    clusters.Add(new GraphCluster(Label(members, names), c, members));
                }
            }
        }

        return clusters;
    }

    /// <summary>
    /// A step name's prefix: up to its last delimiter (<c>-_./: </c>), or without its trailing digits when it has
    /// none (<c>S00042</c> is <c>S</c>); the whole name when that leaves nothing.
    /// </summary>
    public static string Prefix(string name)
    {
        var cut = name.AsSpan().LastIndexOfAny(Delimiters);
        if (cut > 0)
        {
            return name[..cut];
        }

        var end = name.Length;
        while (end > 0 && char.IsAsciiDigit(name[end - 1]))
        {
            end--;
        }

        return end == 0 ? name : name[..end];
    }

    private static List<(int Start, int Length)> Runs(IReadOnlyList<int> column, IReadOnlyList<string> names)
    {
        var runs = new List<(int, int)>();
        var start = 0;
        string? current = null;
        for (var i = 0; i < column.Count; i++)
        {
            var prefix = Prefix(names[column[i]]);
            if (i > 0 && prefix != current)
            {
                runs.Add((start, i - start));
                start = i;
            }

            current = prefix;
        }

        if (column.Count > 0)
        {
            runs.Add((start, column.Count - start));
        }

        return runs;
    }

    private static string Label(int[] members, IReadOnlyList<string> names) =>
        members.Length == 1 ? names[members[0]] : $"{names[members[0]]} … {names[members[^1]]}";
}
