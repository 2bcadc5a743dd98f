using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Sluice.Concourse.Tests.Support;

/// <summary>
/// A script that is still running: its standard error is read as it comes, so a test can wait for a line of the log
/// (a phase barrier, not a sleep) before acting, then collect the result.
/// </summary>
public sealed partial class RunningResource : IDisposable
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly Lock _lock = new();
    private readonly Task<string> _output;
    private readonly Task _error;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RunningResource(Process process, string request)
    {
        _process = process;
        _output = process.StandardOutput.ReadToEndAsync();
        _error = ReadLogAsync();
        try
        {
            process.StandardInput.Write(request);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The script ended without reading its input (a usage error): what it printed says why.
        }
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Waits until the log (colours removed) matches a pattern, or fails with the log so far.</summary>
    public async Task WaitForLogAsync(string pattern)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(RunTimeout);
        while (true)
        {
            Task changed;
            string log;
            lock (_lock)
            {
                log = Colour().Replace(_log.ToString(), string.Empty);
                changed = _changed.Task;
            }

            if (Regex.IsMatch(log, pattern))
            {
                return;
            }

            if (_error.IsCompleted)
            {
                throw new InvalidOperationException($"The script ended without logging /{pattern}/; its log:\n{log}");
            }

            try
            {
                await changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The script did not log /{pattern}/ within {RunTimeout}; its log:\n{log}");
            }
        }
    }

    /// <summary>Waits for the script to end and collects what it printed; kills it after a minute.</summary>
    public async Task<ResourceResult> FinishAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(RunTimeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            await _error.WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw;
        }

        lock (_lock)
        {
            return new ResourceResult(_process.ExitCode, _output.Result, _log.ToString());
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private async Task ReadLogAsync()
    {
        var buffer = new char[4096];
        int read;
        while ((read = await _process.StandardError.ReadAsync(buffer)) > 0)
        {
            lock (_lock)
            {
                _log.Append(buffer, 0, read);
                _changed.TrySetResult();
                _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        lock (_lock)
        {
            _changed.TrySetResult();
        }
    }

    [GeneratedRegex("\u001b\\[[0-9;]*m")]
    private static partial Regex Colour();
}
