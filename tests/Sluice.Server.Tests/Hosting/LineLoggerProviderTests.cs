using System.Text;
using Microsoft.Extensions.Logging;
using Sluice.Server.Hosting;

namespace Sluice.Server.Tests.Hosting;

/// <summary>The server's log writer: whole lines, in order per thread, none lost, and never a request stuck on a broken output.</summary>
public sealed partial class LineLoggerProviderTests
{
    [Fact]
    public void Dispose_AfterManyThreadsLogged_EveryLineWrittenWholeInTheirOrder()
    {
        using var output = new MemoryStream();
        using (var provider = new LineLoggerProvider(output))
        {
            var logger = provider.CreateLogger("Sluice.Server.Hosting.ApiEndpoint");
            Parallel.For(0, 4, thread =>
            {
                for (var i = 0; i < 5000; i++)
                {
                    LogNumbered(logger, thread, i);
                }
            });
        }

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(20000);
        for (var thread = 0; thread < 4; thread++)
        {
            var prefix = $"info: T{thread} ";
            lines.Where(l => l.StartsWith(prefix, StringComparison.Ordinal))
                .Select(l => int.Parse(l[prefix.Length..l.IndexOf(' ', prefix.Length)], System.Globalization.CultureInfo.InvariantCulture))
                .ShouldBe(Enumerable.Range(0, 5000));
        }
    }

    [Fact]
    public void Log_OtherCategory_KeepsTheCategoryAndTheException()
    {
        using var output = new MemoryStream();
        using (var provider = new LineLoggerProvider(output))
        {
            LogSlow(provider.CreateLogger("Microsoft.AspNetCore.Server.Kestrel"), new InvalidOperationException("boom"));
        }

        var text = Encoding.UTF8.GetString(output.ToArray());
        text.ShouldStartWith("warn: Microsoft.AspNetCore.Server.Kestrel: Heartbeat was slow\n");
        text.ShouldContain("System.InvalidOperationException: boom");
    }

    [Fact]
    public async Task Log_OutputBroken_NeitherThrowsNorWaits()
    {
        using var output = new BrokenStream();
        using var provider = new LineLoggerProvider(output);
        var logger = provider.CreateLogger("Sluice");
        var written = Task.Run(() =>
        {
            for (var i = 0; i < LineLoggerProvider.Capacity * 3; i++)
            {
                LogRequest(logger, i);
            }
        }, TestContext.Current.CancellationToken);

        await written.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken); // a TimeoutException when logging waited on the broken output
        output.Writes.ShouldBe(1); // it gave up on the output after its first failure
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "T{Thread} {Index} 200 1.0 ms")]
    private static partial void LogNumbered(ILogger logger, int thread, int index);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat was slow")]
    private static partial void LogSlow(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "ListPipelines 200 {Milliseconds} ms")]
    private static partial void LogRequest(ILogger logger, int milliseconds);

    /// <summary>An output whose writes fail, like a pipe whose reader went away.</summary>
    private sealed class BrokenStream : MemoryStream
    {
        public int Writes { get; private set; }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Writes++;
            throw new IOException("Broken pipe");
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
    }
}
