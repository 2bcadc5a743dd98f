using System.Runtime.InteropServices;

namespace Sluice.Cli.Execution;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM while a command follows executions: the first asks them to stop gracefully (the command
/// then ends with the Stopped exit code), the second leaves at once (they resume at the next start). SIGTERM is how CI
/// systems, container runtimes and service managers stop a job, so it is treated as Ctrl-C is, not left to the
/// runtime, which would end the process without a word and leave the executions Executing.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CliIo _io;
    private readonly Func<Task> _stop;
    private readonly CancellationTokenSource _leave = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private int _received;

    /// <summary>Starts listening for the signals.</summary>
    /// <param name="io">Where the messages go.</param>
    /// <param name="stop">Asks the followed executions to stop.</param>
    public StopSignals(CliIo io, Func<Task> stop)
    {
        _io = io;
        _stop = stop;
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    /// <summary>Cancelled by the second signal: stop waiting and leave.</summary>
    public CancellationToken Leave => _leave.Token;

    /// <summary>Whether a signal asked to leave at once.</summary>
    public bool Left => _leave.IsCancellationRequested;

    /// <summary>Stops listening; the signals' default handling applies again.</summary>
    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _leave.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        var name = context.Signal == PosixSignal.SIGTERM ? "SIGTERM" : "Ctrl-C";
        if (Interlocked.Increment(ref _received) == 1)
        {
            _io.Error.WriteLine($"sluice: {name}: stopping gracefully ({name} again to leave now; what is unfinished resumes at the next start)...");
            _ = _stop();
        }
        else
        {
            _io.Error.WriteLine($"sluice: {name}: leaving now; what is unfinished resumes at the next start on this data directory");
            _leave.Cancel();
        }
    }
}
