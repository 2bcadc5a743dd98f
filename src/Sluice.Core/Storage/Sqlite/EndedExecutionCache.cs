using System.Collections.Concurrent;

namespace Sluice.Core.Storage.Sqlite;

/// <summary>
/// What was read of ended executions' rows (their summaries for pages, their records for Describe), by ARN, each
/// with the row's <c>version</c>: a counter every update of the row increments, whoever writes it. A read takes a
/// value from here only while the row's version is still the one the value was read at, so an update by this process
/// or any other (a display name, a retry) is seen at once; of such a row only the ARN and the version are read.
/// </summary>
/// <remarks>
/// Only Succeeded, Failed and Stopped rows are kept (a running execution's row changes all the time). Bounded: at
/// <see cref="Capacity"/> entries the cache is emptied and fills again from the reads. Rows deleted since
/// (DeletePipeline) are never asked for again and go with the next emptying; ARNs are never reused (random IDs).
/// The values are immutable records, shared by every reader.
/// </remarks>
/// <typeparam name="T">What is kept of a row.</typeparam>
internal sealed class EndedExecutionCache<T>
    where T : class
{
    /// <summary>The most values kept.</summary>
    public const int Capacity = 20_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Gets how many values are kept.</summary>
    public int Count => _entries.Count;

    /// <summary>The value of the row with this ARN read at this version, if kept.</summary>
    /// <param name="arn">The execution's ARN.</param>
    /// <param name="version">The row's version now.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    public T? Find(string arn, long version) =>
        _entries.TryGetValue(arn, out var entry) && entry.Version == version ? entry.Value : null;

    /// <summary>Keeps a value read at a version, when its execution has ended.</summary>
    /// <param name="arn">The execution's ARN.</param>
    /// <param name="status">The execution's status in the row read.</param>
    /// <param name="version">The row's version when read.</param>
    /// <param name="value">What was read.</param>
    public void Keep(string arn, ExecutionStatus status, long version, T value)
    {
        if (status is not (ExecutionStatus.Succeeded or ExecutionStatus.Failed or ExecutionStatus.Stopped))
        {
            return;
        }

        if (_entries.Count >= Capacity)
        {
            _entries.Clear();
        }

        _entries[arn] = new Entry(version, value);
    }

    private sealed record Entry(long Version, T Value);
}
