using System.Collections.Concurrent;
using Sluice.Core.Execution;
using Sluice.Core.Storage;
using Sluice.Definitions.Graph;

namespace Sluice.Server.Console;

/// <summary>
/// Each pipeline version's layout as JSON text, made once: a version never changes, so opening an execution of a
/// 1,000-step pipeline a second time costs no layout at all. The text is compared too, as a pipeline deleted and made
/// again reuses its ARN and version 1. At most <see cref="Capacity"/> layouts are kept.
/// </summary>
/// <param name="engine">Reads definitions (cached by the engine too).</param>
internal sealed class GraphLayoutCache(PipelineEngine engine)
{
    private const int Capacity = 64;

    private readonly ConcurrentDictionary<(string Arn, long Version), (string Definition, string Layout)> _layouts = new();

    /// <summary>The layout of a pipeline version, as JSON.</summary>
    public string Get(PipelineRecord pipeline)
    {
        var key = (pipeline.Arn, pipeline.Version);
        if (_layouts.TryGetValue(key, out var cached) && cached.Definition == pipeline.DefinitionText)
        {
            return cached.Layout;
        }

        var layout = GraphLayout.Lay(PipelineGraph.Build(engine.DefinitionOf(pipeline))).ToJsonString();
        if (_layouts.Count >= Capacity)
        {
            _layouts.Clear();
        }

        _layouts[key] = (pipeline.DefinitionText, layout);
        return layout;
    }
}
