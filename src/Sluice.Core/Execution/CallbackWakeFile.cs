namespace Sluice.Core.Execution;

/// <summary>
/// Wakes Callback steps across processes sharing one data directory (a <c>sluice run</c> and a <c>sluice callback</c>
/// on SQLite, which has no change signal): the process that answers a token rewrites <c>{data}/wake/callbacks</c>, and
/// an engine with waiting steps watches the file (inotify, no polling) and wakes them, and they read their tokens from
/// the store again. The watch exists only while some step waits, so engines without waiting steps hold no inotify
/// instance. Best effort: where the file cannot be written or watched, the safety re-check remains.
/// </summary>
internal sealed class CallbackWakeFile : IDisposable
{
    private readonly string _folder;
    private readonly string _path;
    private readonly CallbackWakeups _wakeups;
    private FileSystemWatcher? _watcher;
    private readonly Lock _gate = new();
    private bool _disposed;

    public CallbackWakeFile(string dataDirectory, CallbackWakeups wakeups)
    {
        _folder = Path.Combine(dataDirectory, "wake");
        _path = Path.Combine(_folder, "callbacks");
        _wakeups = wakeups;
        wakeups.Waiting = Watch;
    }

    /// <summary>Whether the file is watched now.</summary>
    public bool Watching => Volatile.Read(ref _watcher) is not null;

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
    public void Dispose()
    {
        _wakeups.Waiting = null;
        lock (_gate)
        {
            _disposed = true;
            _watcher?.Dispose();
            _watcher = null;
        }
    }

    /// <summary>Starts watching when the first step waits; stops when the last stops.</summary>
    private void Watch(bool on)
    {
        lock (_gate)
        {
            _watcher?.Dispose();
            _watcher = null;
            if (!on || _disposed)
            {
                return;
            }

            FileSystemWatcher? watcher = null;
            try
            {
                Directory.CreateDirectory(_folder);
                watcher = new FileSystemWatcher(_folder, "callbacks")
                {
                    NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName,
                };
                watcher.Changed += (_, _) => _wakeups.WakeAll();
                watcher.Created += (_, _) => _wakeups.WakeAll();
                watcher.Renamed += (_, _) => _wakeups.WakeAll();
                watcher.Error += (_, _) => _wakeups.WakeAll();
                watcher.EnableRaisingEvents = true;
                _watcher = watcher;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or PlatformNotSupportedException)
            {
                watcher?.Dispose(); // the safety re-check covers it
            }
        }
    }
}
