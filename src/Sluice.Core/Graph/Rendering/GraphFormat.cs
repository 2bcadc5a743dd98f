namespace Sluice.Definitions.Graph.Rendering;

/// <summary>The notations <see cref="GraphWriter"/> draws a pipeline graph in.</summary>
public enum GraphFormat
{
    /// <summary>A Mermaid <c>flowchart</c>, which GitHub and many editors render.</summary>
    Mermaid,

    /// <summary>Graphviz DOT.</summary>
    Dot,

    /// <summary>JSON: <c>nodes</c> with name and type, <c>edges</c> with from, to and kind.</summary>
    Json,
}
