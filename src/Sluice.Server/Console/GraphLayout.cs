using System.Text.Json.Nodes;
using Sluice.Definitions.Graph;

namespace Sluice.Server.Console;

/// <summary>
/// Lays a pipeline graph out in layers, left to right: each step one column after the latest step it waits for, steps
/// in a column ordered by where their neighbours are (one sweep each way), so most edges run short and straight.
/// Linear in steps and edges but for the sorts; a 10,000-step graph takes milliseconds, and it is made once per
/// pipeline version (<see cref="GraphLayoutCache"/>).
/// </summary>
internal static class GraphLayout
{
    /// <summary>A node's width in layout units (the console draws it so).</summary>
    public const int NodeWidth = 180;

    /// <summary>A node's height.</summary>
    public const int NodeHeight = 36;

    private const int ColumnGap = 60;
    private const int RowGap = 14;

    /// <summary>
    /// The layout as the console reads it: size, nodes (name, type, x, y, branch), edges ([from, to, kind]) and, for a
    /// graph over <see cref="GraphClusters.Threshold"/> steps, clusters (label, column, members) it can collapse.
    /// </summary>
    public static JsonObject Lay(PipelineGraph graph)
    {
        var count = graph.Nodes.Count;
        var order = graph.TopologicalOrder() ?? [.. Enumerable.Range(0, count)];
        var layer = new int[count];
        foreach (var node in order)
        {
            foreach (var predecessor in graph.Predecessors(node))
            {
                layer[node] = Math.Max(layer[node], layer[predecessor] + 1);
            }
        }

        var columns = new List<List<int>>();
        foreach (var node in order)
        {
            while (columns.Count <= layer[node])
            {
                columns.Add([]);
            }

            columns[layer[node]].Add(node);
        }

        var position = new double[count];
        Number(columns, position);
        for (var c = 1; c < columns.Count; c++)
        {
            Sort(columns[c], position, graph.Predecessors);
        }

        for (var c = columns.Count - 2; c >= 0; c--)
        {
            Sort(columns[c], position, graph.Successors);
        }

        var tallest = columns.Count == 0 ? 0 : columns.Max(c => c.Count);
        var nodes = new JsonArray();
        var x = new int[count];
        var y = new int[count];
        for (var c = 0; c < columns.Count; c++)
        {
            var offset = (tallest - columns[c].Count) * (NodeHeight + RowGap) / 2;
            for (var i = 0; i < columns[c].Count; i++)
            {
                var node = columns[c][i];
                x[node] = c * (NodeWidth + ColumnGap);
                y[node] = offset + (i * (NodeHeight + RowGap));
            }
        }

        for (var node = 0; node < count; node++)
        {
            var step = graph.Nodes[node];
            nodes.Add(new JsonObject
            {
                ["name"] = step.Name,
                ["type"] = step.TypeName,
                ["x"] = x[node],
                ["y"] = y[node],
                ["branch"] = step.Parent is { } parent ? $"{parent.Name}:{step.Branch}" : null,
            });
        }

        var edges = new JsonArray();
        foreach (var edge in graph.Edges)
        {
            edges.Add(new JsonArray(edge.From, edge.To, edge.Kind.ToString()));
        }

        var clusters = new JsonArray();
        foreach (var cluster in GraphClusters.Group(columns, [.. graph.Nodes.Select(n => n.Name)]))
        {
            clusters.Add(new JsonObject
            {
                ["label"] = cluster.Label,
                ["column"] = cluster.Column,
                ["members"] = new JsonArray([.. cluster.Members.Select(m => (JsonNode)m)]),
            });
        }

        return new JsonObject
        {
            ["clusters"] = clusters.Count == 0 ? null : clusters,
            ["width"] = Math.Max(1, columns.Count) * (NodeWidth + ColumnGap),
            ["height"] = Math.Max(1, tallest) * (NodeHeight + RowGap),
            ["nodeWidth"] = NodeWidth,
            ["nodeHeight"] = NodeHeight,
            ["nodes"] = nodes,
            ["edges"] = edges,
        };
    }

    private static void Number(List<List<int>> columns, double[] position)
    {
        foreach (var column in columns)
        {
            for (var i = 0; i < column.Count; i++)
            {
                position[column[i]] = i;
            }
        }
    }

    /// <summary>Orders a column by the mean position of each node's neighbours in the column before (or after).</summary>
    private static void Sort(List<int> column, double[] position, Func<int, IReadOnlyList<int>> neighbours)
    {
        var keys = new Dictionary<int, double>(column.Count);
        foreach (var node in column)
        {
            var linked = neighbours(node);
            keys[node] = linked.Count == 0 ? position[node] : linked.Average(n => position[n]);
        }

        column.Sort((a, b) => keys[a] != keys[b] ? keys[a].CompareTo(keys[b]) : position[a].CompareTo(position[b]));
        for (var i = 0; i < column.Count; i++)
        {
            position[column[i]] = i;
        }
    }
}
