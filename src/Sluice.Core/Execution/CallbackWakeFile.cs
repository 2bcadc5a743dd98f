namespace Sluice.Core.Execution;

/// <summary>
/// Wakes Callback steps across processes sharing one data directory (a <c>sluice run</c> and a <c>sluice callback</c>
/// on SQLite, which has no change signal): the process that answers a token rewrites <c>{data}/wake/callbacks</c>, and
/// every engine on that directory watches the file (inotify, no polling) and wakes its waiting steps, which read their
/// tokens from the store again. Best effort: where the file cannot be written or watched, the safety re-check remains.
/// </summary>
internal sealed class CallbackWakeFile : IDisposable
{
    private readonly string _folder;
    private readonly string _path;
    private readonly FileSystemWatcher? _watcher;

    public CallbackWakeFile(string dataDirectory, CallbackWakeups wakeups)
    {
        _folder = Path.Combine(dataDirectory, "wake");
        _path = Path.Combine(_folder, "callbacks");
        try
        {
            Directory.CreateDirectory(_folder);
            _watcher = new FileSystemWatcher(_folder, "callbacks")
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName,
            };
            _watcher.Changed += (_, _) => wakeups.WakeAll();
            _watcher.Created += (_, _) => wakeups.WakeAll();
            _watcher.Renamed += (_, _) => wakeups.WakeAll();
            _watcher.Error += (_, _) => wakeups.WakeAll();
            _watcher.EnableRaisingEvents = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or PlatformNotSupportedException)
        {
            _watcher?.Dispose();
            _watcher = null; // the safety re-check covers it
        }
    }

    /// <summary>Tells the other processes on this data directory that a token was answered.</summary>
    /// <param name="token">The token (written for whoever reads the file by hand; watchers read the store).</param>
    public void Touch(string token)
    {
        try
        {
            Directory.CreateDirectory(_folder);
            File.WriteAllText(_path, token + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // best effort: waiters elsewhere find the answer at their safety re-check
        }
    }

    /// <inheritdoc />
    public void Dispose() => _watcher?.Dispose();
}
