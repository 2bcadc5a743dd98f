using System.Text.Json.Nodes;
using Sluice.Sdk.Steps;

namespace Sluice.Sdk.Serialization;

/// <summary>
/// Turns a pipeline's steps into the definition's <c>Steps</c>, as the Python SDK's <c>StepsCompiler</c> does: the
/// listed steps in order, then every step one of them depends on or reads from that is not listed (in the order found),
/// with Condition steps holding their branches' full steps instead of listing them again.
/// </summary>
internal sealed class StepsCompiler
{
    private readonly BuildContext _context;
    private readonly HashSet<Step> _known = new(ReferenceEqualityComparer.Instance);
    private readonly Queue<Step> _queue = new();

    private StepsCompiler(BuildContext context) => _context = context;

    /// <summary>Writes the steps.</summary>
    public static JsonArray Compile(IEnumerable<Step> steps, BuildContext context)
    {
        var compiler = new StepsCompiler(context);
        compiler.Push(steps);
        var compiled = new JsonArray();
        while (compiler._queue.TryDequeue(out var step))
        {
            compiled.Add(compiler.Build(step));
        }

        return compiled;
    }

    private void Push(IEnumerable<Step> steps)
    {
        foreach (var step in steps)
        {
            if (_known.Add(step))
            {
                _queue.Enqueue(step);
            }

            if (step is ConditionStep condition)
            {
                MarkNested(condition);
            }
        }
    }

    private void MarkNested(ConditionStep condition)
    {
        foreach (var nested in condition.IfSteps.Concat(condition.ElseSteps))
        {
            _known.Add(nested);
            if (nested is ConditionStep inner)
            {
                MarkNested(inner);
            }
        }
    }

    private JsonObject Build(Step step)
    {
        var context = _context.ForStep(step);
        var request = new JsonObject
        {
            ["Name"] = step.Name,
            ["Type"] = step.StepType,
            ["Arguments"] = step.WriteArguments(context),
        };
        if (step.DependsOn.Count > 0)
        {
            request["DependsOn"] = Json.Strings(step.DependsOn.Select(d => d.Name).Distinct(StringComparer.Ordinal));
        }

        request.Put("DisplayName", step.DisplayName);
        request.Put("Description", step.Description);
        step.WriteTail(request, context);

        // What this step waits for is queued before its branches are written, as the Python SDK orders it.
        Push(step.DependsOn.Where(d => d.Step is not null).Select(d => d.Step!));
        Push(context.Referenced);
        if (step is ConditionStep condition)
        {
            var arguments = (JsonObject)request["Arguments"]!;
            arguments["IfSteps"] = new JsonArray([.. condition.IfSteps.Select(s => (JsonNode)Build(s))]);
            arguments["ElseSteps"] = new JsonArray([.. condition.ElseSteps.Select(s => (JsonNode)Build(s))]);
        }

        return request;
    }
}
