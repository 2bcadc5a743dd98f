using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Sluice.Server.Hosting;

/// <summary>
/// The server's log: each entry formatted by <see cref="LogFormatter"/> on the thread that logs it (one short string),
/// then written by a thread of its own, many lines in one write. The console logger of .NET writes each line
/// separately (a system call per request on a busy server) and, when its queue is full, makes the request wait; this
/// one waits only when <see cref="Capacity"/> lines are queued (the output is blocked, e.g. a pipe nobody reads), so
/// nothing is dropped. Lines are written whole and in order.
/// </summary>
internal sealed class LineLoggerProvider : ILoggerProvider
{
    /// <summary>How many lines may wait to be written before logging waits for the writer.</summary>
    public const int Capacity = 16384;

    private const int BatchBytes = 64 * 1024;

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    [ThreadStatic]
    private static StringWriter? t_writer;

    private readonly BlockingCollection<string> _lines = new(new ConcurrentQueue<string>(), Capacity);
    private readonly LogFormatter _formatter = new();
    private readonly Stream _output;
    private readonly Thread _thread;
    private bool _broken;

    /// <summary>A provider writing to <paramref name="output"/>.</summary>
    /// <param name="output">Where the lines go (standard output in <c>sluice serve</c>); not closed by this provider.</param>
    public LineLoggerProvider(Stream output)
    {
        _output = output;
        _thread = new Thread(WriteLines) { IsBackground = true, Name = "Sluice log writer" };
        _thread.Start();
    }

    /// <inheritdoc/>
    public ILogger CreateLogger(string categoryName) => new LineLogger(this, categoryName);

    /// <summary>Writes every queued line, then stops the writer.</summary>
    public void Dispose()
    {
        _lines.CompleteAdding();
        _thread.Join();
        _lines.Dispose();
    }

    private void Enqueue<TState>(string category, LogLevel level, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var writer = t_writer ??= new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        _formatter.Write(new LogEntry<TState>(level, category, eventId, state, exception, formatter), null, writer);
        var builder = writer.GetStringBuilder();
        if (builder.Length == 0)
        {
            return;
        }

        var text = builder.ToString();
        builder.Clear();
        if (builder.Capacity > 4096)
        {
            builder.Capacity = 1024; // an exception's stack trace need not stay with the thread
        }

        try
        {
            _lines.Add(text);
        }
        catch (InvalidOperationException)
        {
            // Disposed: the host is stopping, and a line logged after its log was closed has nowhere to go.
        }
    }

    private void WriteLines()
    {
        var buffer = new byte[BatchBytes];
        var used = 0;
        foreach (var first in _lines.GetConsumingEnumerable())
        {
            var line = first;
            do
            {
                var size = Utf8.GetMaxByteCount(line.Length);
                if (used > 0 && used + size > buffer.Length)
                {
                    Flush(buffer, ref used);
                }

                if (size > buffer.Length)
                {
                    Write(Utf8.GetBytes(line)); // one long line (a stack trace): alone
                }
                else
                {
                    used += Utf8.GetBytes(line, buffer.AsSpan(used));
                }
            }
            while (_lines.TryTake(out line));

            Flush(buffer, ref used);
        }
    }

    private void Flush(byte[] buffer, ref int used)
    {
        Write(buffer.AsSpan(0, used));
        used = 0;
    }

    /// <summary>Writes to the output; once it fails (a closed pipe), the lines are dropped and the server goes on.</summary>
    private void Write(ReadOnlySpan<byte> bytes)
    {
        if (_broken || bytes.IsEmpty)
        {
            return;
        }

        try
        {
            _output.Write(bytes);
            _output.Flush();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException)
        {
            _broken = true;
        }
    }

    /// <summary>A category's logger; every category shares the provider's queue.</summary>
    private sealed class LineLogger(LineLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Enqueue(category, logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
