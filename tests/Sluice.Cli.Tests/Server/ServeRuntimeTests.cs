using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Sluice.Cli.Tests.Server;

/// <summary>
/// `sluice serve` runs with the GC settings of a long-lived server (concurrent collections), which the CLI's build
/// turns off for short commands: it starts itself again in the same process with them, keeps a setting the user gave,
/// says which it runs with as it starts, and what the collector did as it stops. It takes nothing from the directory it
/// is started in: no appsettings.json is read there and no file is watched.
/// </summary>
public sealed class ServeRuntimeTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("sluice-serve-runtime-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public void Missing_NothingSet_AsksForConcurrentGc()
    {
        ServeRuntime.Missing(new Hashtable()).ShouldBe([new KeyValuePair<string, string>("DOTNET_gcConcurrent", "1")]);
    }

    [Theory]
    [InlineData("DOTNET_gcConcurrent")]
    [InlineData("COMPlus_gcConcurrent")]
    public void Missing_SetByTheUser_LeavesItAsItIs(string variable)
    {
        ServeRuntime.Missing(new Hashtable { [variable] = "0" }).ShouldBeEmpty();
    }

    [Fact]
    public async Task Serve_Start_RunsWithConcurrentGcInTheSameProcess()
    {
        var lines = await ServeAndStopAsync(new Dictionary<string, string?> { ["DOTNET_gcConcurrent"] = null, ["COMPlus_gcConcurrent"] = null });

        lines.ShouldContain(l => l.StartsWith("sluice: serving", StringComparison.Ordinal) && l.EndsWith("; GC workstation, concurrent; dynamic PGO off)", StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("sluice: stopped; GC: ", StringComparison.Ordinal) && l.Contains(" ms paused, ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Serve_UserTurnedConcurrentGcOff_KeepsItOff()
    {
        var lines = await ServeAndStopAsync(new Dictionary<string, string?> { ["DOTNET_gcConcurrent"] = "0" });

        lines.ShouldContain(l => l.StartsWith("sluice: serving", StringComparison.Ordinal) && l.Contains("; GC workstation, non-concurrent;", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Serve_Restarted_DiagnosticToolsCanAttach()
    {
        var temp = Directory.CreateDirectory(Path.Combine(_data, "tmp")).FullName;
        var attached = false;

        await ServeAndStopAsync(
            new Dictionary<string, string?> { ["DOTNET_gcConcurrent"] = null, ["COMPlus_gcConcurrent"] = null, ["TMPDIR"] = temp },
            async server =>
            {
                // What dotnet-counters and the other tools do first: connect to the runtime's socket for this process.
                var socket = Directory.GetFiles(temp, $"dotnet-diagnostic-{server.Id}-*-socket").ShouldHaveSingleItem();
                using var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await client.ConnectAsync(new UnixDomainSocketEndPoint(socket), TestContext.Current.CancellationToken);
                attached = client.Connected;
            });

        attached.ShouldBeTrue();
    }

    [Fact]
    public async Task Serve_StartedAboveItsData_WatchesNoFiles()
    {
        // The bench's layout and a common one: the server runs in a folder that holds its --data folder. Watching that
        // tree, as ASP.NET Core's defaults do, costs an event for each write to the server's own database.
        var inotify = -1;

        await ServeAndStopAsync(
            [],
            server =>
            {
                inotify = new DirectoryInfo($"/proc/{server.Id}/fd").EnumerateFileSystemInfos()
                    .Count(fd => fd.LinkTarget == "anon_inode:inotify");
                return Task.CompletedTask;
            },
            workingDirectory: Path.GetDirectoryName(_data));

        inotify.ShouldBe(0);
    }

    [Fact]
    public async Task Serve_AppSettingsInWorkingDirectory_IsNotRead()
    {
        // Were it read, Kestrel would listen where this file says instead of on --port, and the server would never answer.
        var folder = Directory.CreateDirectory(Path.Combine(_data, "cwd")).FullName;
        File.WriteAllText(
            Path.Combine(folder, "appsettings.json"),
            """{"Kestrel": {"Endpoints": {"Http": {"Url": "http://127.0.0.1:1"}}}, "Logging": {"LogLevel": {"Default": "Trace"}}}""");

        var lines = await ServeAndStopAsync([], workingDirectory: folder);

        lines.ShouldContain(l => l.StartsWith("sluice: serving", StringComparison.Ordinal));
        lines.ShouldNotContain(l => l.Contains("Overriding address", StringComparison.Ordinal));
    }

    /// <summary>
    /// Starts `sluice serve` with the environment changes given, waits until it answers, runs <paramref name="whileServing"/>,
    /// stops it with SIGTERM to the process id it was started as (the restart keeps it) and returns what it wrote.
    /// </summary>
    private async Task<IReadOnlyList<string>> ServeAndStopAsync(
        Dictionary<string, string?> environment, Func<Process, Task>? whileServing = null, string? workingDirectory = null)
    {
        int port;
        using (var socket = new TcpListener(IPAddress.Loopback, 0))
        {
            socket.Start();
            port = ((IPEndPoint)socket.LocalEndpoint).Port;
        }

        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "sluice"), ["serve", "--port", port.ToString(CultureInfo.InvariantCulture), "--data", _data, "--quiet"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var lines = new ConcurrentQueue<string>();
        using var server = Process.Start(start)!;
        server.OutputDataReceived += (_, e) => { if (e.Data is { } line) { lines.Enqueue(line); } };
        server.ErrorDataReceived += (_, e) => { if (e.Data is { } line) { lines.Enqueue(line); } };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient();
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    using var health = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health"), TestContext.Current.CancellationToken);
                    health.StatusCode.ShouldBe(HttpStatusCode.OK);
                    break;
                }
                catch (HttpRequestException) when (attempt < 600 && !server.HasExited)
                {
                    await Task.Delay(50, TestContext.Current.CancellationToken);
                }
            }

            if (whileServing is not null)
            {
                await whileServing(server);
            }
        }
        finally
        {
            using var kill = Process.Start("kill", ["-TERM", server.Id.ToString(CultureInfo.InvariantCulture)])!;
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        await server.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        server.ExitCode.ShouldBe(0);
        return [.. lines];
    }
}
