namespace Sluice.Server.Console;

/// <summary>
/// A group of steps that the console draws as one box until it is opened: steps next to each other in one column of
/// the layout, most often sharing a name prefix.
/// </summary>
/// <param name="Label">What the box says: the first and last members' names (the one name of a cluster of one).</param>
/// <param name="Column">The layout column (graph rank) every member is in.</param>
/// <param name="Members">The members' node indices, top to bottom.</param>
internal sealed record GraphCluster(string Label, int Column, IReadOnlyList<int> Members);
