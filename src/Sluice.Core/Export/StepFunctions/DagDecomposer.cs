using System.Collections;
using Sluice.Definitions.Json;

namespace Sluice.Core.Export.StepFunctions;

/// <summary>
/// Turns a DAG into nested sequences and parallel groups, which is all ASL can express. Independent parts become
/// branches of a Parallel state; a connected part is cut into a prefix and the rest where every step of the rest
/// needs every step of the prefix (a series cut, which loses nothing). A DAG with no such cut is not
/// series-parallel there: the prefix is then its source steps, and the steps of the rest that did not need all of
/// them are reported as waiting longer than they must.
/// </summary>
internal static class DagDecomposer
{
    /// <summary>A nesting of sequences and parallel groups over the nodes.</summary>
    internal abstract record Shape;

    /// <summary>One node.</summary>
    internal sealed record Node(int Index) : Shape;

    /// <summary>Shapes that run one after the other.</summary>
    internal sealed record Sequence(Shape First, Shape Then) : Shape;

    /// <summary>Shapes that run at the same time.</summary>
    internal sealed record Parallel(IReadOnlyList<Shape> Branches) : Shape;

    /// <summary>Decomposes the DAG over nodes 0..count-1 (in preference order) given each node's predecessors.</summary>
    /// <param name="count">The number of nodes.</param>
    /// <param name="predecessors">The direct predecessors of each node.</param>
    /// <param name="lostConcurrency">Called for each node that must wait for nodes it does not depend on.</param>
    public static Shape Decompose(int count, IReadOnlyList<IReadOnlyList<int>> predecessors, Action<int, IReadOnlyList<int>> lostConcurrency)
    {
        var ancestors = Ancestors(count, predecessors);
        return Decompose([.. Enumerable.Range(0, count)], predecessors, ancestors, lostConcurrency);
    }

    private static Shape Decompose(List<int> nodes, IReadOnlyList<IReadOnlyList<int>> predecessors, BitArray[] ancestors, Action<int, IReadOnlyList<int>> lost)
    {
        if (nodes.Count == 1)
        {
            return new Node(nodes[0]);
        }

        var components = Components(nodes, predecessors);
        if (components.Count > 1)
        {
            return new Parallel(components.Select(c => Decompose(c, predecessors, ancestors, lost)).ToList());
        }

        var order = TopologicalOrder(nodes, predecessors);
        var inSet = new HashSet<int>(nodes);

        // The smallest prefix that every later node depends on entirely.
        for (var cut = 1; cut < order.Count; cut++)
        {
            var complete = true;
            for (var q = cut; q < order.Count && complete; q++)
            {
                for (var p = 0; p < cut; p++)
                {
                    if (!ancestors[order[q]][order[p]])
                    {
                        complete = false;
                        break;
                    }
                }
            }

            if (complete)
            {
                return new Sequence(
                    Decompose(order.Take(cut).ToList(), predecessors, ancestors, lost),
                    Decompose(order.Skip(cut).ToList(), predecessors, ancestors, lost));
            }
        }

        // Not series-parallel here: run the sources first.
        var sources = order.Where(n => !predecessors[n].Any(inSet.Contains)).ToList();
        var rest = order.Where(n => !sources.Contains(n)).ToList();
        foreach (var node in rest)
        {
            var extra = sources.Where(s => !ancestors[node][s]).ToList();
            if (extra.Count > 0)
            {
                lost(node, extra);
            }
        }

        return new Sequence(
            Decompose(sources, predecessors, ancestors, lost),
            Decompose(rest, predecessors, ancestors, lost));
    }

    private static BitArray[] Ancestors(int count, IReadOnlyList<IReadOnlyList<int>> predecessors)
    {
        var result = new BitArray[count];
        var order = TopologicalOrder([.. Enumerable.Range(0, count)], predecessors);
        foreach (var node in order)
        {
            var set = new BitArray(count);
            foreach (var p in predecessors[node])
            {
                set.Or(result[p]);
                set[p] = true;
            }

            result[node] = set;
        }

        return result;
    }

    private static List<int> TopologicalOrder(List<int> nodes, IReadOnlyList<IReadOnlyList<int>> predecessors)
    {
        var inSet = new HashSet<int>(nodes);
        var remaining = nodes.ToDictionary(n => n, n => predecessors[n].Count(inSet.Contains));
        var successors = nodes.ToDictionary(n => n, _ => new List<int>());
        foreach (var n in nodes)
        {
            foreach (var p in predecessors[n].Where(inSet.Contains))
            {
                successors[p].Add(n);
            }
        }

        var ready = new PriorityQueue<int, int>();
        foreach (var n in nodes.Where(n => remaining[n] == 0))
        {
            ready.Enqueue(n, n);
        }

        var order = new List<int>(nodes.Count);
        while (ready.TryDequeue(out var n, out _))
        {
            order.Add(n);
            foreach (var s in successors[n])
            {
                if (--remaining[s] == 0)
                {
                    ready.Enqueue(s, s);
                }
            }
        }

        if (order.Count != nodes.Count)
        {
            throw new InvalidOperationException("the graph has a cycle");
        }

        return order;
    }

    private static List<List<int>> Components(List<int> nodes, IReadOnlyList<IReadOnlyList<int>> predecessors)
    {
        var inSet = new HashSet<int>(nodes);
        var parent = nodes.ToDictionary(n => n, n => n);
        int Find(int x)
        {
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }

            return x;
        }

        foreach (var n in nodes)
        {
            foreach (var p in predecessors[n].Where(inSet.Contains))
            {
                parent[Find(n)] = Find(p);
            }
        }

        return nodes.GroupBy(Find).Select(g => g.OrderBy(x => x).ToList()).OrderBy(g => g[0]).ToList();
    }
}
