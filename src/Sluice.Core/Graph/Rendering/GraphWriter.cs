using System.Globalization;
using System.Text;
using System.Text.Json;
using Sluice.Definitions;

namespace Sluice.Definitions.Graph.Rendering;

/// <summary>Draws a <see cref="PipelineGraph"/> as Mermaid, DOT or JSON text.</summary>
public static class GraphWriter
{
    /// <summary>Draws a graph.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="format">The notation.</param>
    /// <returns>The drawing, ending with a newline.</returns>
    public static string Write(PipelineGraph graph, GraphFormat format) => format switch
    {
        GraphFormat.Mermaid => Mermaid(graph),
        GraphFormat.Dot => Dot(graph),
        GraphFormat.Json => Json(graph),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown graph format."),
    };

    /// <summary>The name an edge kind has in the JSON form: <c>dependsOn</c>, <c>data</c> or <c>condition</c>.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>Its JSON name.</returns>
    public static string KindName(EdgeKind kind) => kind switch
    {
        EdgeKind.DependsOn => "dependsOn",
        EdgeKind.Data => "data",
        _ => "condition",
    };

    private static string Mermaid(PipelineGraph graph)
    {
        var sb = new StringBuilder("flowchart TD\n");
        for (var i = 0; i < graph.Nodes.Count; i++)
        {
            var step = graph.Nodes[i];
            var label = MermaidText($"{step.Name}<br/><i>{step.TypeName}</i>");
            var (open, close) = step.Type switch
            {
                StepType.Condition => ("{", "}"),
                StepType.Fail => ("[/", "\\]"),
                StepType.Lambda or StepType.Callback => ("([", "])"),
                _ => ("[", "]"),
            };
            sb.Append(CultureInfo.InvariantCulture, $"    n{i}{open}\"{label}\"{close}\n");
        }

        foreach (var edge in graph.Edges)
        {
            var arrow = edge.Kind switch
            {
                EdgeKind.DependsOn => " -.-> ",
                EdgeKind.Condition => graph.Nodes[edge.To].Branch == ConditionBranch.Else ? " -- else --> " : " -- if --> ",
                _ => " --> ",
            };
            sb.Append(CultureInfo.InvariantCulture, $"    n{edge.From}{arrow}n{edge.To}\n");
        }

        return sb.ToString();
    }

    private static string Dot(PipelineGraph graph)
    {
        var sb = new StringBuilder("digraph pipeline {\n    rankdir=TB;\n    node [shape=box, fontname=\"Helvetica\"];\n");
        for (var i = 0; i < graph.Nodes.Count; i++)
        {
            var step = graph.Nodes[i];
            var shape = step.Type switch
            {
                StepType.Condition => ", shape=diamond",
                StepType.Fail => ", shape=octagon",
                StepType.Lambda or StepType.Callback => ", shape=ellipse",
                _ => string.Empty,
            };
            sb.Append(CultureInfo.InvariantCulture, $"    {DotId(i)} [label={DotString($"{step.Name}\n{step.TypeName}")}{shape}];\n");
        }

        foreach (var edge in graph.Edges)
        {
            var style = edge.Kind switch
            {
                EdgeKind.DependsOn => " [style=dashed]",
                EdgeKind.Condition => graph.Nodes[edge.To].Branch == ConditionBranch.Else ? " [label=\"else\"]" : " [label=\"if\"]",
                _ => string.Empty,
            };
            sb.Append(CultureInfo.InvariantCulture,
                $"    {DotId(edge.From)} -> {DotId(edge.To)}{style};\n");
        }

        return sb.Append("}\n").ToString();
    }

    private static string Json(PipelineGraph graph)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("nodes");
            foreach (var step in graph.Nodes)
            {
                writer.WriteStartObject();
                writer.WriteString("name", step.Name);
                writer.WriteString("type", step.TypeName);
                if (step.DisplayName is not null)
                {
                    writer.WriteString("displayName", step.DisplayName);
                }

                if (step.Parent is not null)
                {
                    writer.WriteString("parent", step.Parent.Name);
                    writer.WriteString("branch", step.Branch == ConditionBranch.Else ? "else" : "if");
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("edges");
            foreach (var edge in graph.Edges)
            {
                writer.WriteStartObject();
                writer.WriteString("from", graph.Nodes[edge.From].Name);
                writer.WriteString("to", graph.Nodes[edge.To].Name);
                writer.WriteString("kind", KindName(edge.Kind));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static string MermaidText(string text) => text.Replace("\"", "#quot;", StringComparison.Ordinal);

    private static string DotId(int index) => "n" + index.ToString(CultureInfo.InvariantCulture);

    private static string DotString(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}
