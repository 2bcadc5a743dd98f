namespace Sluice.Cli;

/// <summary>The streams a command reads and writes, so that tests can run commands in-process.</summary>
/// <param name="In">Standard input, for <c>-</c> arguments.</param>
/// <param name="Out">Standard output: results.</param>
/// <param name="Error">Standard error: diagnostics and progress.</param>
/// <param name="ErrorIsTerminal">Whether standard error is a terminal, where colour helps.</param>
/// <param name="OutIsTerminal">Whether standard output is a terminal, where a live view can redraw in place.</param>
internal sealed record CliIo(TextReader In, TextWriter Out, TextWriter Error, bool ErrorIsTerminal, bool OutIsTerminal = false)
{
    /// <summary>The process's own console streams.</summary>
    public static CliIo FromConsole() => new(
        Console.In,
        Console.Out,
        Console.Error,
        !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null or "",
        !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") is not "dumb");
}
