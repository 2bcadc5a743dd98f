using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Sluice.Server.Hosting;

/// <summary>
/// One line per log entry, <c>info: CreatePipeline 200 3.1 ms</c>: the level and the message, without the event id
/// and, for Sluice's own entries, without the .NET category that the simple console formatter puts before them
/// (<c>info: Sluice.Server.Hosting.ApiEndpoint[0]</c>), which say nothing to a person reading a server's log.
/// Entries of other categories (Kestrel's warnings) keep their category, which is what tells where they come from.
/// </summary>
internal sealed class LogFormatter() : ConsoleFormatter(FormatterName)
{
    /// <summary>The name the formatter is registered under.</summary>
    public const string FormatterName = "sluice";

    /// <inheritdoc/>
    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }

        textWriter.Write(logEntry.LogLevel switch
        {
            LogLevel.Trace => "trce: ",
            LogLevel.Debug => "dbug: ",
            LogLevel.Information => "info: ",
            LogLevel.Warning => "warn: ",
            LogLevel.Error => "fail: ",
            _ => "crit: ",
        });
        if (!logEntry.Category.StartsWith("sluice", StringComparison.OrdinalIgnoreCase))
        {
            textWriter.Write(logEntry.Category);
            textWriter.Write(": ");
        }

        textWriter.WriteLine(message);
        if (logEntry.Exception is { } exception)
        {
            textWriter.WriteLine(exception.ToString());
        }
    }
}
