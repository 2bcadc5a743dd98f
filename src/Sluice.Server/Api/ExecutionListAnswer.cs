using System.Text.Json;
using Sluice.Core.Storage;

namespace Sluice.Server.Api;

/// <summary>
/// A ListPipelineExecutions answer as the server writes it: the page's summaries, each written through
/// <see cref="ExecutionItems"/>, and the NextToken. The JSON is byte for byte what the wire type
/// <c>ListPipelineExecutionsResponse</c> serializes to.
/// </summary>
/// <param name="Executions">The page, in its order.</param>
/// <param name="NextToken">The token of the next page; <see langword="null"/> on the last.</param>
internal sealed record ExecutionListAnswer(IReadOnlyList<ExecutionSummary> Executions, string? NextToken)
{
    /// <summary>Writes the answer.</summary>
    /// <param name="writer">Where it goes.</param>
    /// <param name="items">The kept items.</param>
    public void Write(Utf8JsonWriter writer, ExecutionItems items)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("PipelineExecutionSummaries"u8);
        for (var i = 0; i < Executions.Count; i++)
        {
            items.Write(writer, Executions[i]);
        }

        writer.WriteEndArray();
        if (NextToken is { } token)
        {
            writer.WriteString("NextToken"u8, token);
        }

        writer.WriteEndObject();
    }
}
