namespace Sluice.Definitions.Graph;

/// <summary>
/// Finds one cycle in every strongly connected component of more than one node (Tarjan's algorithm, iterative so that
/// chains of any length fit on the stack).
/// </summary>
internal static class CycleFinder
{
    public static List<IReadOnlyList<int>> Find(int count, IReadOnlyList<int>[] successors)
    {
        var cycles = new List<IReadOnlyList<int>>();
        foreach (var component in StronglyConnectedComponents(count, successors))
        {
            if (component.Count > 1)
            {
                cycles.Add(CycleWithin(component, successors));
            }
        }

        cycles.Sort((a, b) => a[0].CompareTo(b[0]));
        return cycles;
    }

    private static List<List<int>> StronglyConnectedComponents(int count, IReadOnlyList<int>[] successors)
    {
        var index = new int[count];
        var low = new int[count];
        var onStack = new bool[count];
        Array.Fill(index, -1);
        var stack = new Stack<int>();
        var components = new List<List<int>>();
        var next = 0;
        var work = new Stack<(int Node, int Edge)>();

        for (var root = 0; root < count; root++)
        {
            if (index[root] >= 0)
            {
                continue;
            }

            work.Push((root, 0));
            while (work.Count > 0)
            {
                var (node, edge) = work.Pop();
                if (edge == 0)
                {
                    index[node] = low[node] = next++;
                    stack.Push(node);
                    onStack[node] = true;
                }
                else
                {
                    var child = successors[node][edge - 1];
                    low[node] = Math.Min(low[node], low[child]);
                }

                var descended = false;
                for (var e = edge; e < successors[node].Count; e++)
                {
                    var child = successors[node][e];
                    if (index[child] < 0)
                    {
                        work.Push((node, e + 1));
                        work.Push((child, 0));
                        descended = true;
                        break;
                    }

                    if (onStack[child])
                    {
                        low[node] = Math.Min(low[node], index[child]);
                    }
                }

                if (descended || low[node] != index[node])
                {
                    continue;
                }

                var component = new List<int>();
                int member;
                do
                {
                    member = stack.Pop();
                    onStack[member] = false;
                    component.Add(member);
                }
                while (member != node);
                components.Add(component);
            }
        }

        return components;
    }

    /// <summary>A shortest cycle through the component's first node in document order (breadth-first inside the component).</summary>
    private static List<int> CycleWithin(List<int> component, IReadOnlyList<int>[] successors)
    {
        var members = new HashSet<int>(component);
        var start = component.Min();
        var parent = new Dictionary<int, int> { [start] = -1 };
        var queue = new Queue<int>();
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var child in successors[node].Order())
            {
                if (child == start)
                {
                    var path = new List<int> { start };
                    for (var at = node; at != -1; at = parent[at])
                    {
                        path.Add(at);
                    }

                    path.Reverse();
                    return path;
                }

                if (members.Contains(child) && parent.TryAdd(child, node))
                {
                    queue.Enqueue(child);
                }
            }
        }

        return [start, start];
    }
}
