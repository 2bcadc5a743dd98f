using Sluice.Definitions;
using Sluice.Definitions.Expressions;

namespace Sluice.Definitions.Graph;

/// <summary>
/// The steps of a definition, nested ones included, and the dependencies between them: from <c>DependsOn</c>,
/// from every data reference anywhere in a step, and from Condition steps to the steps of their branches.
/// </summary>
public sealed class PipelineGraph
{
    private readonly List<int>[] _successors;
    private readonly List<int>[] _predecessors;

    private PipelineGraph(IReadOnlyList<StepDefinition> nodes, IReadOnlyList<GraphEdge> edges)
    {
        Nodes = nodes;
        Edges = edges;
        _successors = new List<int>[nodes.Count];
        _predecessors = new List<int>[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            _successors[i] = [];
            _predecessors[i] = [];
        }

        var pairs = new HashSet<(int, int)>(edges.Count);
        foreach (var edge in edges)
        {
            if (pairs.Add((edge.From, edge.To)))
            {
                _successors[edge.From].Add(edge.To);
                _predecessors[edge.To].Add(edge.From);
            }
        }
    }

    /// <summary>The steps, in the order of <see cref="PipelineDefinition.AllSteps"/>.</summary>
    public IReadOnlyList<StepDefinition> Nodes { get; }

    /// <summary>Every dependency, one per pair of steps and kind, in the order they were found.</summary>
    public IReadOnlyList<GraphEdge> Edges { get; }

    /// <summary>Builds the graph of a definition. References to unknown steps are left out (the validator reports them).</summary>
    /// <param name="definition">The definition.</param>
    /// <returns>The graph.</returns>
    public static PipelineGraph Build(PipelineDefinition definition)
    {
        var nodes = definition.AllSteps;
        var index = new Dictionary<string, int>(nodes.Count, StringComparer.Ordinal);
        var nodeIndex = new Dictionary<StepDefinition, int>(nodes.Count, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < nodes.Count; i++)
        {
            index.TryAdd(nodes[i].Name, i);
            nodeIndex[nodes[i]] = i;
        }

        var edges = new List<GraphEdge>();
        var seen = new HashSet<GraphEdge>();
        void Add(int from, int to, EdgeKind kind)
        {
            var edge = new GraphEdge(from, to, kind);
            if (from != to && seen.Add(edge))
            {
                edges.Add(edge);
            }
        }

        for (var to = 0; to < nodes.Count; to++)
        {
            var step = nodes[to];
            if (step.Parent is not null)
            {
                Add(nodeIndex[step.Parent], to, EdgeKind.Condition);
            }

            foreach (var dependency in step.DependsOn)
            {
                if (index.TryGetValue(dependency, out var from))
                {
                    Add(from, to, EdgeKind.DependsOn);
                }
            }

            foreach (var site in step.Expressions)
            {
                foreach (var reference in site.Expression.References())
                {
                    if (reference is StepPropertyReference property && index.TryGetValue(property.StepName, out var from))
                    {
                        Add(from, to, EdgeKind.Data);
                    }
                }
            }
        }

        return new PipelineGraph(nodes, edges);
    }

    /// <summary>The steps a step waits for directly.</summary>
    /// <param name="node">The step's index.</param>
    /// <returns>The indexes of its direct predecessors.</returns>
    public IReadOnlyList<int> Predecessors(int node) => _predecessors[node];

    /// <summary>The steps that wait for a step directly.</summary>
    /// <param name="node">The step's index.</param>
    /// <returns>The indexes of its direct successors.</returns>
    public IReadOnlyList<int> Successors(int node) => _successors[node];

    /// <summary>
    /// Orders the steps so that every step comes after all it depends on; among steps that are ready together, the
    /// one earlier in the document comes first. Returns <see langword="null"/> when the steps form a cycle.
    /// </summary>
    /// <returns>Step indexes in a topological order, or <see langword="null"/>.</returns>
    public IReadOnlyList<int>? TopologicalOrder()
    {
        var remaining = new int[Nodes.Count];
        var ready = new PriorityQueue<int, int>();
        for (var i = 0; i < Nodes.Count; i++)
        {
            remaining[i] = _predecessors[i].Count;
            if (remaining[i] == 0)
            {
                ready.Enqueue(i, i);
            }
        }

        var order = new List<int>(Nodes.Count);
        while (ready.TryDequeue(out var node, out _))
        {
            order.Add(node);
            foreach (var next in _successors[node])
            {
                if (--remaining[next] == 0)
                {
                    ready.Enqueue(next, next);
                }
            }
        }

        return order.Count == Nodes.Count ? order : null;
    }

    /// <summary>Finds the cycles: one per group of steps that depend on each other, as the steps along it, first step repeated at the end.</summary>
    /// <returns>The cycles, each a list of step indexes; empty when the graph is acyclic.</returns>
    public IReadOnlyList<IReadOnlyList<int>> FindCycles() => CycleFinder.Find(Nodes.Count, _successors);
}
