using System.Collections.Concurrent;

namespace Sluice.Core.Storage.Sqlite;

/// <summary>
/// The summaries (<see cref="ExecutionSummary"/>) of ended executions as last read, by ARN, each with the row's
/// <c>version</c> (a counter every update of the row increments, whoever writes it). A page read takes a row's summary
/// from here only while the row's version is still the one the summary was read at, so an update by this process or
/// any other (a display name, a retry) is seen at once; only the ARN and the version of such a row are read.
/// </summary>
/// <remarks>
/// Only Succeeded, Failed and Stopped rows are kept (a running execution's row changes all the time). Bounded: at
/// <see cref="Capacity"/> entries the cache is emptied and fills again from the pages read. Rows deleted since
/// (DeletePipeline) are never asked for again and go with the next emptying; ARNs are never reused (random IDs).
/// </remarks>
internal sealed class ExecutionSummaryCache
{
    /// <summary>The most summaries kept.</summary>
    public const int Capacity = 20_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Gets how many summaries are kept.</summary>
    public int Count => _entries.Count;

    /// <summary>The summary of the row with this ARN read at this version, if kept.</summary>
    public ExecutionSummary? Find(string arn, long version) =>
        _entries.TryGetValue(arn, out var entry) && entry.Version == version ? entry.Summary : null;

    /// <summary>Keeps a summary read at a version, when its execution has ended.</summary>
    public void Keep(ExecutionSummary summary, long version)
    {
        if (summary.Status is not (ExecutionStatus.Succeeded or ExecutionStatus.Failed or ExecutionStatus.Stopped))
        {
            return;
        }

        if (_entries.Count >= Capacity)
        {
            _entries.Clear();
        }

        _entries[summary.Arn] = new Entry(version, summary);
    }

    private sealed record Entry(long Version, ExecutionSummary Summary);
}
