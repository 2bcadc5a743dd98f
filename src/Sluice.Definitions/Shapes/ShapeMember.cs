namespace Sluice.Definitions.Shapes;

/// <summary>A member of a structure shape.</summary>
/// <param name="Name">The member name on the wire, e.g. <c>PipelineName</c>.</param>
/// <param name="PathName">The name in validation messages: camelCased, e.g. <c>pipelineName</c>.</param>
/// <param name="Shape">The member's shape.</param>
public sealed record ShapeMember(string Name, string PathName, Shape Shape);
