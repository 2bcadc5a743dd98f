using System.Text.Json.Nodes;
using Sluice.Definitions;

namespace Sluice.Core.Export.StepFunctions;

/// <summary>
/// Step Functions' rule for state names, which come from step names: 1 to 80 characters, no line breaks. A step whose
/// own state, or a helper state named after it (<c>NAME.True</c>, <c>NAME.Describe</c>, ...), breaks it is an error.
/// </summary>
internal static class StateNameRules
{
    /// <summary>The longest state name Step Functions accepts.</summary>
    public const int MaxLength = 80;

    private static readonly char[] LineBreaks = ['\n', '\r', '\u2028', '\u2029'];

    /// <summary>Whether Step Functions accepts the name for a state.</summary>
    public static bool IsValid(string name) => name.Length is > 0 and <= MaxLength && name.IndexOfAny(LineBreaks) < 0;

    /// <summary>Records an error for each step one of whose states, anywhere in the machine, has a name Step Functions refuses.</summary>
    public static void Check(JsonObject machine, ExportContext context)
    {
        // Per step, the worst of its states: a line break or an empty name first, then the longest (which sets the hint).
        var invalid = StateNames(machine).Where(n => !IsValid(n))
            .Select(n => (Name: n, Step: context.Definition.AllSteps
                .Where(s => n == s.Name || n.StartsWith(s.Name + ".", StringComparison.Ordinal))
                .MaxBy(s => s.Name.Length)))
            .GroupBy(x => x.Step?.Name ?? x.Name, StringComparer.Ordinal);
        foreach (var group in invalid)
        {
            var worst = group.OrderByDescending(x => x.Name.Length == 0 || x.Name.IndexOfAny(LineBreaks) >= 0).ThenByDescending(x => x.Name.Length).First();
            context.Error(worst.Step, "Name", Describe(worst.Name, worst.Step));
        }
    }

    private static string Describe(string name, StepDefinition? step)
    {
        var rule = $"Step Functions state names are 1 to {MaxLength} characters without line breaks";
        if (name.Length == 0)
        {
            return rule + "; an empty step name makes an empty state name";
        }

        if (name.IndexOfAny(LineBreaks) >= 0)
        {
            return rule + "; this step's name has a line break";
        }

        var shown = name.Length > 40 ? name[..40] + "..." : name;
        return step is not null && name != step.Name
            ? $"{rule}; the state '{shown}' the export makes for this step has {name.Length} (shorten the step's name to at most {MaxLength - (name.Length - step.Name.Length)} characters)"
            : $"{rule}; this step's name has {name.Length}";
    }

    private static IEnumerable<string> StateNames(JsonObject machine)
    {
        foreach (var (name, state) in machine["States"]?.AsObject() ?? [])
        {
            yield return name;
            foreach (var branch in state?["Branches"]?.AsArray() ?? [])
            {
                foreach (var inner in StateNames(branch!.AsObject()))
                {
                    yield return inner;
                }
            }
        }
    }
}
