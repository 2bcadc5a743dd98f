using Sluice.Definitions;
using Sluice.Definitions.Graph;
using Sluice.Definitions.Json;

namespace Sluice.Core.Export.StepFunctions;

/// <summary>
/// Where each step runs in the state machine: at the top, or inside a branch of a Condition step. A step that needs
/// a step of a branch runs only when that branch is taken (SageMaker skips it otherwise), so it moves into that
/// branch; a step that needs both branches of one Condition, or a step after a Fail step, never runs.
/// </summary>
internal sealed class ScopePlan
{
    private readonly Dictionary<StepDefinition, (StepDefinition? Condition, ConditionBranch Branch)> _home = new(ReferenceEqualityComparer.Instance);

    public ScopePlan(ExportContext context, PipelineGraph graph)
    {
        Graph = graph;
        var order = graph.TopologicalOrder() ?? throw new StepFunctionsExportException("the steps form a cycle");
        foreach (var node in order)
        {
            var step = graph.Nodes[node];
            (StepDefinition? Condition, ConditionBranch Branch) home = step.Parent is null ? (null, ConditionBranch.If) : (step.Parent, step.Branch ?? ConditionBranch.If);
            if (step.Parent is not null && NeverRuns.Contains(step.Parent))
            {
                NeverRuns.Add(step);
                continue;
            }

            foreach (var predecessor in graph.Predecessors(node))
            {
                var before = graph.Nodes[predecessor];
                if (NeverRuns.Contains(before) || before.Type == StepType.Fail)
                {
                    context.Note(step, string.Empty, $"never runs: it waits for '{before.Name}', which {(before.Type == StepType.Fail ? "ends the execution" : "never runs")}");
                    NeverRuns.Add(step);
                    break;
                }

                var other = _home[before];
                if (IsWithin(home, other))
                {
                    continue;
                }

                if (IsWithin(other, home))
                {
                    home = other;
                    continue;
                }

                if (Exclusive(home, other))
                {
                    context.Note(step, string.Empty, "never runs: it waits for steps in both branches of one Condition step");
                    NeverRuns.Add(step);
                    break;
                }

                context.Error(step, string.Empty, $"it waits for step '{before.Name}' in a branch of Condition step '{other.Condition!.Name}' and for steps in a branch of '{home.Condition?.Name}', which are not nested; Step Functions cannot run it only when both branches are taken");
                break;
            }

            _home[step] = home;
        }
    }

    public PipelineGraph Graph { get; }

    public HashSet<StepDefinition> NeverRuns { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>The steps whose home is the given scope, in document order.</summary>
    public List<StepDefinition> Members(StepDefinition? condition, ConditionBranch branch) =>
        Graph.Nodes.Where(s => !NeverRuns.Contains(s) && _home.TryGetValue(s, out var h)
            && ReferenceEquals(h.Condition, condition) && (condition is null || h.Branch == branch)).ToList();

    /// <summary>The member of scope <paramref name="scope"/> that holds <paramref name="step"/> (itself or a Condition step around it).</summary>
    public StepDefinition? Owner(StepDefinition step, (StepDefinition? Condition, ConditionBranch Branch) scope)
    {
        var current = step;
        while (true)
        {
            if (!_home.TryGetValue(current, out var home))
            {
                return null;
            }

            if (SameScope(home, scope))
            {
                return current;
            }

            if (home.Condition is null)
            {
                return null;
            }

            current = home.Condition;
        }
    }

    private static bool SameScope((StepDefinition? Condition, ConditionBranch Branch) a, (StepDefinition? Condition, ConditionBranch Branch) b) =>
        ReferenceEquals(a.Condition, b.Condition) && (a.Condition is null || a.Branch == b.Branch);

    /// <summary>Whether scope <paramref name="inner"/> is <paramref name="outer"/> or lies inside it.</summary>
    private bool IsWithin((StepDefinition? Condition, ConditionBranch Branch) inner, (StepDefinition? Condition, ConditionBranch Branch) outer)
    {
        var current = inner;
        while (true)
        {
            if (SameScope(current, outer))
            {
                return true;
            }

            if (current.Condition is null || !_home.TryGetValue(current.Condition, out var up))
            {
                return false;
            }

            current = up;
        }
    }

    /// <summary>Whether two scopes lie in different branches of one Condition step.</summary>
    private bool Exclusive((StepDefinition? Condition, ConditionBranch Branch) a, (StepDefinition? Condition, ConditionBranch Branch) b)
    {
        for (var x = a; x.Condition is not null; x = _home.GetValueOrDefault(x.Condition, (null, ConditionBranch.If)))
        {
            for (var y = b; y.Condition is not null; y = _home.GetValueOrDefault(y.Condition, (null, ConditionBranch.If)))
            {
                if (ReferenceEquals(x.Condition, y.Condition) && x.Branch != y.Branch)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
