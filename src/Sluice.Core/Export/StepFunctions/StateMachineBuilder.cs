using System.Text.Json.Nodes;
using Sluice.Definitions;
using Sluice.Definitions.Json;

namespace Sluice.Core.Export.StepFunctions;

/// <summary>
/// Lays the steps out as states: each scope (the top level, or a branch of a Condition step) is decomposed into
/// sequences and Parallel states by <see cref="DagDecomposer"/>; a Condition step becomes a Choice state whose
/// branches hold their scopes' states and meet again after it.
/// </summary>
internal sealed class StateMachineBuilder(ExportContext context, ScopePlan plan, StepStates steps, ChoiceRules choices)
{
    /// <summary>The members of the state that Parallel states carry over and merge (the rest is scratch).</summary>
    private static readonly string[] Carried = ["Parameters", "Names"];

    private static readonly string[] Merged = ["Steps", "Files", "Operands"];

    private int _parallels;

    public Fragment? Scope(StepDefinition? condition, ConditionBranch branch)
    {
        var members = plan.Members(condition, branch);
        if (members.Count == 0)
        {
            return null;
        }

        var index = new Dictionary<StepDefinition, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < members.Count; i++)
        {
            index[members[i]] = i;
        }

        var predecessors = members.Select(_ => new HashSet<int>()).ToArray();
        var graph = plan.Graph;
        for (var to = 0; to < graph.Nodes.Count; to++)
        {
            var step = graph.Nodes[to];
            if (plan.NeverRuns.Contains(step))
            {
                continue;
            }

            var owner = plan.Owner(step, (condition, branch));
            if (owner is null)
            {
                continue;
            }

            foreach (var from in graph.Predecessors(to))
            {
                var before = graph.Nodes[from];
                var ownerBefore = plan.Owner(before, (condition, branch));
                if (ownerBefore is not null && !ReferenceEquals(ownerBefore, owner))
                {
                    predecessors[index[owner]].Add(index[ownerBefore]);
                }
            }
        }

        if (HasCycle(predecessors))
        {
            context.Error(condition, string.Empty, "the steps of this scope wait for each other once a Condition step's branches are kept together (a step outside a branch waits for the Condition step, and a step in the branch waits for it); Step Functions cannot express that");
            return null;
        }

        var shape = DagDecomposer.Decompose(
            members.Count,
            predecessors.Select(p => (IReadOnlyList<int>)p.ToList()).ToList(),
            (node, extra) => context.Note(
                members[node],
                string.Empty,
                $"loses concurrency: it also waits for {string.Join(", ", extra.Select(e => "'" + members[e].Name + "'"))}, which it does not depend on, because the graph is not series-parallel here and ASL has no arbitrary joins"));
        return Build(shape, members);
    }

    private Fragment Build(DagDecomposer.Shape shape, List<StepDefinition> members)
    {
        switch (shape)
        {
            case DagDecomposer.Node node:
                var step = members[node.Index];
                return step.Type == StepType.Condition ? Condition(step) : steps.Build(step);
            case DagDecomposer.Sequence sequence:
                var first = Build(sequence.First, members);
                var then = Build(sequence.Then, members);
                if (first.Terminal)
                {
                    context.Note(null, string.Empty, $"the states from '{then.Start}' never run: everything before them ends in a Fail state");
                    return first;
                }

                return first.Then(then);
            case DagDecomposer.Parallel parallel:
                return Parallel(parallel.Branches.Select(b => Build(b, members)).ToList());
            default:
                throw new InvalidOperationException("unknown shape");
        }
    }

    private Fragment Parallel(List<Fragment> branches)
    {
        var name = context.HelperName("Parallel" + (++_parallels).ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The branches' results are picked apart first and merged by a Pass state: intrinsic functions get plain
        // paths of the state, never paths into the result array (some interpreters return lists for those).
        var selector = new JsonObject();
        var merge = new JsonObject();
        foreach (var member in Carried)
        {
            selector[member + ".$"] = "$[0]." + member;
            merge[member + ".$"] = "$.Branches." + member;
        }

        foreach (var member in Merged)
        {
            var parts = new List<string>();
            for (var i = 0; i < branches.Count; i++)
            {
                var key = member + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                selector[key + ".$"] = $"$[{i}].{member}";
                parts.Add("$.Branches." + key);
            }

            merge[member + ".$"] = MergeTree(parts);
        }

        var state = new JsonObject
        {
            ["Type"] = "Parallel",
            ["Branches"] = new JsonArray([.. branches.Select(b => (JsonNode)b.Close())]),
            ["ResultSelector"] = selector,
            ["ResultPath"] = "$.Branches",
        };
        var join = new JsonObject { ["Type"] = "Pass", ["Parameters"] = merge };
        return Fragment.Sequence((name, state), (context.HelperName("Join" + name["Sluice.Parallel".Length..]), join));
    }

    /// <summary>Merges the branches' objects pairwise in a balanced tree (intrinsic calls nest at most 10 deep).</summary>
    private static string MergeTree(List<string> items)
    {
        while (items.Count > 1)
        {
            var next = new List<string>();
            for (var i = 0; i < items.Count; i += 2)
            {
                next.Add(i + 1 < items.Count ? $"States.JsonMerge({items[i]}, {items[i + 1]}, false)" : items[i]);
            }

            items = next;
        }

        return items[0];
    }

    private Fragment Condition(StepDefinition step)
    {
        var scratch = new StepScratch(step);
        var rule = choices.Translate(scratch, step.Conditions, "Arguments.Conditions");
        var root = AslText.Member("$.Steps", step.Name);
        var ifEntry = (context.StateName(step.Name, "True"), new JsonObject
        {
            ["Type"] = "Pass",
            ["Result"] = new JsonObject { ["Outcome"] = "True" },
            ["ResultPath"] = root,
        });
        var elseEntry = (context.StateName(step.Name, "False"), new JsonObject
        {
            ["Type"] = "Pass",
            ["Result"] = new JsonObject { ["Outcome"] = "False" },
            ["ResultPath"] = root,
        });
        var ifBranch = Fragment.Sequence(ifEntry);
        if (Scope(step, ConditionBranch.If) is { } ifSteps)
        {
            ifBranch = ifBranch.Then(ifSteps);
        }

        var elseBranch = Fragment.Sequence(elseEntry);
        if (Scope(step, ConditionBranch.Else) is { } elseSteps)
        {
            elseBranch = elseBranch.Then(elseSteps);
        }

        rule["Next"] = ifBranch.Start;
        var choice = new JsonObject
        {
            ["Type"] = "Choice",
            ["Choices"] = new JsonArray(rule),
            ["Default"] = elseBranch.Start,
        };
        var states = new List<KeyValuePair<string, JsonObject>> { new(step.Name, choice) };
        states.AddRange(ifBranch.States);
        states.AddRange(elseBranch.States);
        var fragment = Fragment.Of(step.Name, states, [.. ifBranch.Open, .. elseBranch.Open]);
        return steps.Preludes(scratch) is { } prelude ? prelude.Then(fragment) : fragment;
    }

    private static bool HasCycle(HashSet<int>[] predecessors)
    {
        var state = new int[predecessors.Length];
        bool Visit(int n)
        {
            if (state[n] == 1)
            {
                return true;
            }

            if (state[n] == 2)
            {
                return false;
            }

            state[n] = 1;
            if (predecessors[n].Any(Visit))
            {
                return true;
            }

            state[n] = 2;
            return false;
        }

        return Enumerable.Range(0, predecessors.Length).Any(Visit);
    }
}
