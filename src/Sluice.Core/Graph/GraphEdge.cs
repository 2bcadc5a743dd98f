namespace Sluice.Definitions.Graph;

/// <summary>A dependency between two steps: <see cref="To"/> runs after <see cref="From"/>.</summary>
/// <param name="From">The index of the step that runs first, in <see cref="PipelineGraph.Nodes"/>.</param>
/// <param name="To">The index of the step that waits.</param>
/// <param name="Kind">Why it waits.</param>
public readonly record struct GraphEdge(int From, int To, EdgeKind Kind);
