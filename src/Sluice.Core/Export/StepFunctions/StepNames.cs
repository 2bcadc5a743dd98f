using System.Text;
using System.Text.Json.Nodes;
using Sluice.Definitions;
using Sluice.Definitions.Json;

namespace Sluice.Core.Export.StepFunctions;

/// <summary>
/// The names each execution gives its jobs and models (made once, in the first state, under <c>$.Names</c>) and where
/// each step's properties land in the state (<c>$.Steps.NAME</c>).
/// </summary>
internal sealed class StepNames(ExportContext context)
{
    /// <summary>Whether a step's type needs a generated resource name.</summary>
    public static bool NeedsName(StepDefinition step) =>
        step.Type is StepType.Processing or StepType.Training or StepType.Transform or StepType.Tuning or StepType.Model;

    /// <summary>Whether a step runs as a Batch job in this export.</summary>
    public bool RunsOnBatch(StepDefinition step) =>
        context.Batch && step.Type is StepType.Processing or StepType.Training or StepType.Transform;

    /// <summary>The member of <c>$.Names</c> for a step, computed in the first state.</summary>
    public static string NameExpression(StepDefinition step)
    {
        // Job names: [a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}; tuning jobs at most 32 characters.
        var prefix = Sanitize(step.Name, step.Type == StepType.Tuning ? 14 : 22);
        var unique = step.Type == StepType.Tuning
            ? "States.ArrayGetItem(States.StringSplit(States.UUID(), '-'), 0)"
            : "States.UUID()";
        return $"States.Format('{prefix}-{{}}', {unique})";
    }

    /// <summary>
    /// The ASL expression of a step's job or model name. SageMaker refuses a job name twice, so a SageMaker job that
    /// retries adds the retry count; Batch job names need not be unique (and the name is built before the task).
    /// </summary>
    public string JobName(StepDefinition step)
    {
        var path = AslText.Member("$.Names", step.Name);
        return step.RetryPolicies.Count > 0 && step.Type != StepType.Model && !RunsOnBatch(step)
            ? $"States.Format('{{}}-{{}}', {path}, $$.State.RetryCount)"
            : path;
    }

    /// <summary>Where a step's properties are in the state, or <see langword="null"/> when it has none.</summary>
    public string? PropertyRoot(StepDefinition step)
    {
        var root = AslText.Member("$.Steps", step.Name);
        return step.Type switch
        {
            StepType.Fail => null,
            _ when RunsOnBatch(step) => root + ".Properties",
            _ => root,
        };
    }

    /// <summary>The <c>Names</c> object of the first state: one generated name per job and model step.</summary>
    public JsonObject InitialNames()
    {
        var names = new JsonObject();
        foreach (var step in context.Definition.AllSteps.Where(NeedsName))
        {
            names[step.Name + ".$"] = NameExpression(step);
        }

        return names;
    }

    private static string Sanitize(string name, int length)
    {
        var builder = new StringBuilder();
        foreach (var c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }

        var text = builder.ToString().Trim('-');
        if (text.Length == 0)
        {
            text = "step";
        }

        text = text.Length > length ? text[..length].TrimEnd('-') : text;
        return AslText.EscapeForFormat(text);
    }
}
