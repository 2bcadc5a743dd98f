using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Sluice.Definitions.Graph;
using Sluice.Definitions.Validation;

namespace Sluice.Definitions.Tests.Graph;

/// <summary>Random graphs of steps wired by DependsOn and data references, checked against a naive oracle.</summary>
public sealed class PipelineGraphPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    /// <summary>A random step graph: step count and edges (from, to, viaData).</summary>
    public sealed record RandomGraph(int Count, IReadOnlyList<(int From, int To, bool Data)> Edges)
    {
        public override string ToString() => $"{Count} steps: {string.Join(", ", Edges.Select(e => $"{e.From}->{e.To}{(e.Data ? "(data)" : string.Empty)}"))}";
    }

    [Fact]
    public void Validate_RandomGraph_ReportsCycleIfAndOnlyIfOneExists()
    {
        Check.One(Runs, Prop.ForAll(Graphs().ToArbitrary(), graph =>
        {
            var result = DefinitionValidator.Validate(ToDefinition(graph).ToJsonString());
            var reported = result.Errors.Any(d => d.Code == DiagnosticCodes.Cycle);
            return reported == HasCycle(graph);
        }));
    }

    [Fact]
    public void FindCycles_RandomGraph_EveryCycleFollowsRealEdges()
    {
        Check.One(Runs, Prop.ForAll(Graphs().ToArbitrary(), graph =>
        {
            var built = Build(graph);
            var edges = built.Edges.Select(e => (e.From, e.To)).ToHashSet();
            return built.FindCycles().All(cycle => cycle[0] == cycle[^1] && cycle.Zip(cycle.Skip(1)).All(pair => edges.Contains(pair)));
        }));
    }

    [Fact]
    public void TopologicalOrder_AcyclicGraph_PutsEveryStepAfterItsDependencies()
    {
        Check.One(Runs, Prop.ForAll(Graphs(acyclic: true).ToArbitrary(), graph =>
        {
            var built = Build(graph);
            var order = built.TopologicalOrder();
            if (order is null || order.Count != graph.Count)
            {
                return false;
            }

            var position = new int[graph.Count];
            for (var i = 0; i < order.Count; i++)
            {
                position[order[i]] = i;
            }

            return built.Edges.All(e => position[e.From] < position[e.To]);
        }));
    }

    [Fact]
    public void TopologicalOrder_CyclicGraph_ReturnsNull()
    {
        Check.One(Runs, Prop.ForAll(Graphs().ToArbitrary(), graph =>
            (Build(graph).TopologicalOrder() is null) == HasCycle(graph)));
    }

    [Fact]
    public void Build_DataReferencesAndDependsOn_ProduceEdgesOfTheirKind()
    {
        var graph = new RandomGraph(3, [(0, 1, false), (1, 2, true)]);

        var built = Build(graph);

        built.Edges.ShouldBe([new GraphEdge(0, 1, EdgeKind.DependsOn), new GraphEdge(1, 2, EdgeKind.Data)]);
    }

    [Fact]
    public void Build_LongChain_DoesNotOverflowTheStack()
    {
        var graph = new RandomGraph(20_000, [.. Enumerable.Range(1, 19_999).Select(i => (i - 1, i, false)), (19_999, 0, false)]);

        var cycles = Build(graph).FindCycles();

        cycles.ShouldHaveSingleItem().Count.ShouldBe(20_001);
    }

    private static Gen<RandomGraph> Graphs(bool acyclic = false) =>
        from count in Gen.Choose(1, 25)
        from edges in Gen.ListOf(
            from a in Gen.Choose(0, count - 1)
            from b in Gen.Choose(0, count - 1)
            from data in Gen.Elements(true, false)
            select (a, b, data))
        let valid = edges.Where(e => e.a != e.b && (!acyclic || e.a < e.b)).Distinct().ToList()
        select new RandomGraph(count, valid);

    private static PipelineGraph Build(RandomGraph graph)
    {
        var read = Sluice.Definitions.DefinitionReader.Read(ToDefinition(graph).ToJsonString());
        return PipelineGraph.Build(read.Definition!);
    }

    /// <summary>Steps S0..Sn-1: Lambda steps with one output, wired by DependsOn or by reading another step's output.</summary>
    private static JsonObject ToDefinition(RandomGraph graph)
    {
        var steps = new JsonArray();
        for (var i = 0; i < graph.Count; i++)
        {
            var dependsOn = new JsonArray();
            var arguments = new JsonObject();
            foreach (var (from, to, data) in graph.Edges.Where(e => e.To == i))
            {
                if (data)
                {
                    arguments[$"in{from}"] = new JsonObject { ["Get"] = $"Steps.S{from}.OutputParameters['out']" };
                }
                else
                {
                    dependsOn.Add($"S{from}");
                }
            }

            steps.Add(new JsonObject
            {
                ["Name"] = $"S{i}",
                ["Type"] = "Lambda",
                ["Arguments"] = arguments,
                ["DependsOn"] = dependsOn,
                ["FunctionArn"] = "arn:aws:lambda:us-east-1:111122223333:function:f",
                ["OutputParameters"] = new JsonArray(new JsonObject { ["OutputName"] = "out", ["OutputType"] = "String" }),
            });
        }

        return new JsonObject { ["Version"] = "2020-12-01", ["Steps"] = steps };
    }

    /// <summary>The oracle: repeatedly remove steps with no incoming edges; a cycle remains if any step is left.</summary>
    private static bool HasCycle(RandomGraph graph)
    {
        var edges = graph.Edges.Select(e => (e.From, e.To)).Distinct().ToList();
        var alive = Enumerable.Range(0, graph.Count).ToHashSet();
        bool removed;
        do
        {
            removed = false;
            foreach (var node in alive.ToList())
            {
                if (!edges.Any(e => e.To == node && alive.Contains(e.From)))
                {
                    alive.Remove(node);
                    removed = true;
                }
            }
        }
        while (removed);
        return alive.Count > 0;
    }
}
