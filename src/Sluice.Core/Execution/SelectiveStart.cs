using System.Text;
using Sluice.Definitions.Graph;
using Sluice.Core.Storage;

namespace Sluice.Core.Execution;

/// <summary>
/// SelectiveExecutionConfig: the selected steps run; the steps upstream of them are listed with their results from
/// the source execution and <c>SelectiveExecutionResult.SourcePipelineExecutionArn</c>; the rest never run.
/// A selected step whose upstream steps (those not selected themselves) did not all succeed in the source is refused.
/// </summary>
internal static class SelectiveStart
{
    public static async Task<RunStart> PrepareAsync(
        IExecutionReader store,
        PipelineGraph graph,
        string pipelineName,
        string executionArn,
        SelectiveExecution selective,
        CancellationToken cancellationToken)
    {
        if (selective.SelectedSteps.Count == 0)
        {
            throw new RequestValidationException("SelectiveExecutionConfig.SelectedSteps must name at least one step.");
        }

        var source = await store.GetExecutionAsync(selective.SourceExecutionArn, cancellationToken)
            ?? throw new RequestValidationException($"Invalid SourcePipelineExecutionArn: execution '{selective.SourceExecutionArn}' does not exist.");
        if (source.PipelineName != pipelineName)
        {
            throw new RequestValidationException(
                $"Invalid SourcePipelineExecutionArn: '{source.Arn}' is an execution of pipeline '{source.PipelineName}', not '{pipelineName}'.");
        }

        var index = graph.Nodes.Select((step, node) => (step.Name, node)).ToDictionary(p => p.Name, p => p.node, StringComparer.Ordinal);
        var selected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in selective.SelectedSteps)
        {
            if (!index.ContainsKey(name))
            {
                throw new RequestValidationException($"Selected step '{name}' is not a step of pipeline '{pipelineName}'.");
            }

            selected.Add(name);
        }

        var sourceSteps = (await store.ListStepsAsync(source.Arn, cancellationToken))
            .Where(s => s.Status == StepStatus.Succeeded)
            .ToDictionary(s => s.StepName, StringComparer.Ordinal);
        var needed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in selected)
        {
            foreach (var upstream in Upstream(graph, index[name], selected))
            {
                var upstreamName = graph.Nodes[upstream].Name;
                if (!sourceSteps.ContainsKey(upstreamName))
                {
                    throw new RequestValidationException(
                        $"Selected step '{name}' depends on step '{upstreamName}', which is not selected and did not succeed in source execution '{source.Arn}'; select it too or pick another source.");
                }

                needed.Add(upstreamName);
            }
        }

        // Steps upstream of the selection lend their results from the source; every other step not selected never runs.
        var stored = new List<StepRecord>();
        var notRun = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in graph.Nodes)
        {
            if (needed.Contains(step.Name))
            {
                stored.Add(sourceSteps[step.Name] with { ExecutionArn = executionArn, SelectiveSourceExecutionArn = source.Arn, CacheSourceExecutionArn = null, JobJson = null });
            }
            else if (!selected.Contains(step.Name))
            {
                notRun.Add(step.Name);
            }
        }

        return new RunStart(stored, NotRun: notRun);
    }

    /// <summary>SelectiveExecutionConfig as the API writes it.</summary>
    public static string ToJson(SelectiveExecution selective)
    {
        var json = new StringBuilder("{\"SourcePipelineExecutionArn\": ").Append(Json.Quote(selective.SourceExecutionArn)).Append(", \"SelectedSteps\": [");
        json.AppendJoin(", ", selective.SelectedSteps.Select(s => "{\"StepName\": " + Json.Quote(s) + "}"));
        return json.Append("]}").ToString();
    }

    /// <summary>The steps a step depends on, directly or through steps that are themselves not selected.</summary>
    private static IEnumerable<int> Upstream(PipelineGraph graph, int node, HashSet<string> selected)
    {
        var seen = new HashSet<int>();
        var queue = new Queue<int>(graph.Predecessors(node));
        while (queue.TryDequeue(out var next))
        {
            if (!seen.Add(next) || selected.Contains(graph.Nodes[next].Name))
            {
                continue;
            }

            yield return next;
            foreach (var before in graph.Predecessors(next))
            {
                queue.Enqueue(before);
            }
        }
    }
}
