using Sluice.Sdk.Steps;

namespace Sluice.Config.Building;

/// <summary>Sorts built steps into the pipeline's top level and Condition branches: a step in a branch is written inside its Condition step, and only there.</summary>
internal static class Branches
{
    /// <summary>The steps not in any branch, in build order.</summary>
    /// <exception cref="PipelineConfigException">When a step is in the branches of two Condition steps.</exception>
    public static List<Step> TopLevel(IReadOnlyList<Step> steps, IReadOnlyDictionary<string, StepEntry> entries)
    {
        var owners = new Dictionary<Step, ConditionStep>(ReferenceEqualityComparer.Instance);
        foreach (var condition in steps.OfType<ConditionStep>())
        {
            foreach (var (nested, key) in condition.IfSteps.Select(s => (s, "if_steps")).Concat(condition.ElseSteps.Select(s => (s, "else_steps"))))
            {
                if (owners.TryGetValue(nested, out var other) && !ReferenceEquals(other, condition))
                {
                    var entry = entries[condition.Name];
                    throw new PipelineConfigException(entry.File.Path, entry.LineOf(key), key,
                        $"step '{nested.Name}' is already in a branch of Condition step '{other.Name}'; a step is in one branch only");
                }

                owners[nested] = condition;
            }
        }

        return [.. steps.Where(s => !owners.ContainsKey(s))];
    }
}
