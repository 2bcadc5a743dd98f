using Sluice.Core;
using Sluice.Definitions.Validation;
using Spectre.Console;

namespace Sluice.Cli.Output;

/// <summary>Prints diagnostics as compilers do: <c>file:line:column: error SLU302: location: message</c>.</summary>
internal sealed class DiagnosticFormatter
{
    private readonly CliIo _io;
    private readonly IAnsiConsole? _color;

    public DiagnosticFormatter(CliIo io)
    {
        _io = io;
        if (io.ErrorIsTerminal)
        {
            _color = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(io.Error),
                Ansi = AnsiSupport.Detect,
                ColorSystem = ColorSystemSupport.Detect,
            });
        }
    }

    /// <summary>Converts a diagnostic to its JSON form, with its position in the file when known.</summary>
    public static DiagnosticReport ToReport(Diagnostic diagnostic, JsonLocator? locator)
    {
        var position = diagnostic.Position ?? locator?.Find(diagnostic.Path);
        return new DiagnosticReport(
            SeverityName(diagnostic.Severity),
            diagnostic.Code,
            diagnostic.Path,
            diagnostic.OwnerPath,
            diagnostic.OwnerName,
            diagnostic.MemberPath,
            diagnostic.Location,
            position?.Line,
            position?.Column,
            diagnostic.Message);
    }

    /// <summary>Writes one diagnostic line to standard error.</summary>
    public void Write(string file, Diagnostic diagnostic, JsonLocator? locator)
    {
        var position = diagnostic.Position ?? locator?.Find(diagnostic.Path);
        var where = position is { } p ? $"{file}:{p.Line}:{p.Column}" : file;
        var severity = SeverityName(diagnostic.Severity);
        if (_color is null)
        {
            _io.Error.WriteLine($"{where}: {severity} {diagnostic.Code}: {diagnostic.Location}: {diagnostic.Message}");
            return;
        }

        var style = diagnostic.Severity == DiagnosticSeverity.Error ? "red bold" : "yellow bold";
        _color.MarkupLineInterpolated(
            $"[bold]{where}[/]: [{style}]{severity} {diagnostic.Code}[/]: [aqua]{diagnostic.Location}[/]: {diagnostic.Message}");
    }

    private static string SeverityName(DiagnosticSeverity severity) =>
        severity == DiagnosticSeverity.Error ? "error" : "warning";
}
