namespace Sluice.Cli;

/// <summary>The exit codes every <c>sluice</c> command shares.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked; for <c>validate</c>, every definition is valid.</summary>
    public const int Success = 0;

    /// <summary>The input was read but has errors (an invalid definition).</summary>
    public const int Invalid = 1;

    /// <summary>The command line is wrong, or an input could not be read.</summary>
    public const int Usage = 2;

    /// <summary>An execution the command ran or followed ended Stopped (Ctrl-C, SIGTERM or a StopPipelineExecution).</summary>
    public const int Stopped = 3;
}
