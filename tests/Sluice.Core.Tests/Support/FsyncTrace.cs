using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Sluice.Core.Tests.Support;

/// <summary>
/// The real fsync and fdatasync calls of this test process while it lasts: <c>strace -f -y</c> attached to the process
/// (all its threads) by its id, detached by SIGINT to strace's id. Only calls on paths below a given folder count, so
/// tests of other classes running meanwhile do not.
/// </summary>
internal sealed partial class FsyncTrace : IAsyncDisposable
{
    private readonly Process _strace;
    private readonly string _output;
    private readonly string _folder;
    private bool _stopped;

    private FsyncTrace(Process strace, string output, string folder)
    {
        _strace = strace;
        _output = output;
        _folder = folder.TrimEnd('/') + "/";
    }

    /// <summary>Attaches strace and returns once every thread is traced.</summary>
    /// <param name="folder">The folder whose files and folders (it included) count.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public static async Task<FsyncTrace> StartAsync(string folder, CancellationToken cancellationToken)
    {
        // Where Yama's ptrace_scope is 1 (Ubuntu's default), only an ancestor may attach unless the tracee allows it;
        // strace is this process's child. Without Yama the call fails (EINVAL) and nothing needs allowing.
        _ = SetPtracer(PrSetPtracer, PrSetPtracerAny);
        var output = Path.Combine(Path.GetTempPath(), $"sluice-fsyncs-{Guid.NewGuid():N}.txt");
        var start = new ProcessStartInfo("strace") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-f", "-y", "-e", "trace=fsync,fdatasync", "-o", output, "-p", Environment.ProcessId.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        var strace = Process.Start(start) ?? throw new InvalidOperationException("strace did not start");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        while (await strace.StandardError.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Contains(" attached", StringComparison.Ordinal))
            {
                _ = strace.StandardError.ReadToEndAsync(CancellationToken.None); // drained until it exits
                return new FsyncTrace(strace, output, Path.GetFullPath(folder));
            }
        }

        await strace.WaitForExitAsync(cancellationToken);
        throw new InvalidOperationException($"strace did not attach to process {Environment.ProcessId} (exit {strace.ExitCode})");
    }

    /// <summary>Detaches strace and returns the paths fsynced below the folder, relative to it (the folder itself is "."), in call order.</summary>
    /// <param name="cancellationToken">Cancels the wait for strace to exit.</param>
    public async Task<IReadOnlyList<string>> StopAsync(CancellationToken cancellationToken)
    {
        await DetachAsync(cancellationToken);
        var synced = new List<string>();
        foreach (var line in await File.ReadAllLinesAsync(_output, cancellationToken))
        {
            if (Call().Match(line) is { Success: true } match)
            {
                var path = match.Groups["path"].Value;
                if (path + "/" == _folder)
                {
                    synced.Add(".");
                }
                else if (path.StartsWith(_folder, StringComparison.Ordinal))
                {
                    synced.Add(path[_folder.Length..]);
                }
            }
        }

        return synced;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await DetachAsync(CancellationToken.None);
        _strace.Dispose();
        File.Delete(_output);
    }

    private async Task DetachAsync(CancellationToken cancellationToken)
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        using (var kill = Process.Start("kill", ["-INT", _strace.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(cancellationToken);
        }

        await _strace.WaitForExitAsync(cancellationToken);
    }

    private const int PrSetPtracer = 0x59616d61;
    private const ulong PrSetPtracerAny = ulong.MaxValue;

    // DllImport, blittable arguments: LibraryImport would need unsafe code in the test project for this one call.
    [DllImport("libc", EntryPoint = "prctl")]
    private static extern int SetPtracer(int option, ulong ptracer);

    [GeneratedRegex(@"\b(?:fsync|fdatasync)\(\d+<(?<path>[^>]*)>")]
    private static partial Regex Call();
}
