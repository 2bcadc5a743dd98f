using System.Collections.Concurrent;
using System.Text.Json;
using Sluice.Client.SageMaker;
using Sluice.Core.Storage;

namespace Sluice.Server.Api;

/// <summary>
/// ListPipelineExecutions items of ended executions as UTF-8 JSON, each written once and then copied into every page
/// that lists it. An item is the JSON of <see cref="WireShapes.Summary"/> of exactly the summary it is kept with: it is
/// used only for a summary equal to that one (the same object, as the SQLite store hands out again for an unchanged
/// row, or the same values), so a changed display name, description, status or failure reason is never served stale,
/// whichever process or server changed it.
/// </summary>
/// <remarks>Only Succeeded, Failed and Stopped executions are kept; at <see cref="Capacity"/> items the cache is emptied.</remarks>
internal sealed class ExecutionItems
{
    /// <summary>The most items kept.</summary>
    public const int Capacity = 20_000;

    private readonly ConcurrentDictionary<string, Item> _items = new(StringComparer.Ordinal);

    /// <summary>Gets how many items are kept.</summary>
    public int Count => _items.Count;

    /// <summary>Writes the item of one summary: the kept JSON when there is one for it, else JSON written now.</summary>
    /// <param name="writer">Where it goes.</param>
    /// <param name="summary">The execution's summary.</param>
    public void Write(Utf8JsonWriter writer, ExecutionSummary summary)
    {
        if (_items.TryGetValue(summary.Arn, out var item) && (ReferenceEquals(item.Summary, summary) || item.Summary.Equals(summary)))
        {
            writer.WriteRawValue(item.Json, skipInputValidation: true); // written by the serializer below
            return;
        }

        if (summary.Status is not (ExecutionStatus.Succeeded or ExecutionStatus.Failed or ExecutionStatus.Stopped))
        {
            JsonSerializer.Serialize(writer, WireShapes.Summary(summary), SageMakerJsonContext.Default.PipelineExecutionSummary);
            return;
        }

        var json = JsonSerializer.SerializeToUtf8Bytes(WireShapes.Summary(summary), SageMakerJsonContext.Default.PipelineExecutionSummary);
        if (_items.Count >= Capacity)
        {
            _items.Clear();
        }

        _items[summary.Arn] = new Item(summary, json);
        writer.WriteRawValue(json, skipInputValidation: true);
    }

    private sealed record Item(ExecutionSummary Summary, byte[] Json);
}
