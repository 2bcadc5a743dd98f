using System.Collections;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;

namespace Sluice.Cli;

/// <summary>
/// The runtime settings of <c>sluice serve</c>, a long-lived process, where one of the CLI's own (Sluice.Cli.csproj:
/// no concurrent GC, right for commands that last well under a second) costs it long pauses: without background
/// collections every gen2 collection stops all requests for as long as it takes to mark the whole heap. The runtime
/// reads its GC settings only as it starts, so <c>sluice serve</c> starts itself again in the same process
/// (execve(2): same process id, same standard streams and arguments) with the missing settings in its environment. A
/// variable the user set is left as it is. See docs/performance.md, "Server hot paths", for what was measured, and
/// what was tried and left out (dynamic PGO, the server GC, a smaller gen0 budget).
/// </summary>
internal static partial class ServeRuntime
{
    /// <summary>The settings and their values: background (concurrent) gen2 collections.</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> Settings =
    [
        new("DOTNET_gcConcurrent", "1"),
    ];

    /// <summary>
    /// The settings the environment lacks. A setting counts as given when its variable is set under either of the
    /// runtime's prefixes (<c>DOTNET_</c>, <c>COMPlus_</c>), whatever its value.
    /// </summary>
    /// <param name="environment">The process's environment variables.</param>
    /// <returns>The variables to add, in <see cref="Settings"/>' order; empty when nothing is missing.</returns>
    public static IReadOnlyList<KeyValuePair<string, string>> Missing(IDictionary environment)
    {
        var missing = new List<KeyValuePair<string, string>>();
        foreach (var setting in Settings)
        {
            var name = setting.Key["DOTNET_".Length..];
            if (!environment.Contains("DOTNET_" + name) && !environment.Contains("COMPlus_" + name))
            {
                missing.Add(setting);
            }
        }

        return missing;
    }

    /// <summary>
    /// Starts <c>sluice serve</c> again with the missing settings, when some are missing; returns only when nothing is
    /// missing or the restart is not possible (not Linux, or execve failed), and the server then runs as it is.
    /// </summary>
    /// <param name="args">The command line's arguments.</param>
    public static void RestartIfNeeded(string[] args)
    {
        if (args is not ["serve", ..] || !OperatingSystem.IsLinux())
        {
            return;
        }

        var missing = Missing(Environment.GetEnvironmentVariables());
        if (missing.Count == 0 || ReadCommandLine() is not { Count: > 0 } argv)
        {
            return;
        }

        var environment = new List<string>();
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            environment.Add($"{variable.Key}={variable.Value}");
        }

        environment.AddRange(missing.Select(setting => $"{setting.Key}={setting.Value}"));
        RemoveDiagnosticSocket();
        Execute("/proc/self/exe", argv, environment);
    }

    /// <summary>
    /// Removes this process's diagnostics socket (<c>$TMPDIR/dotnet-diagnostic-PID-START-socket</c>, what
    /// dotnet-counters, dotnet-trace and dotnet-gcdump connect to) before the restart: the runtime started by execve
    /// has the same process id and start time, so it names its socket the same, and it cannot listen there while the
    /// old file is in the way; the tools then could not attach to the server. Should execve fail, the server runs
    /// on without a diagnostics socket.
    /// </summary>
    private static void RemoveDiagnosticSocket()
    {
        try
        {
            foreach (var socket in Directory.EnumerateFiles(Path.GetTempPath(), $"dotnet-diagnostic-{Environment.ProcessId}-*-socket"))
            {
                File.Delete(socket);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // left as it is: the tools cannot attach, as before
        }
    }

    /// <summary>
    /// How the collector runs, for the server's start-up line: <c>workstation</c> or <c>server</c>, <c>concurrent</c>
    /// or <c>non-concurrent</c> (<see cref="GCSettings.LatencyMode"/> is <see cref="GCLatencyMode.Batch"/> only without
    /// background collections), and whether dynamic PGO is on (its variable, else the build's setting).
    /// </summary>
    /// <returns>E.g. <c>GC workstation, concurrent; dynamic PGO off</c>.</returns>
    public static string Describe()
    {
        var collector = GCSettings.IsServerGC ? "server" : "workstation";
        var concurrent = GCSettings.LatencyMode == GCLatencyMode.Batch ? "non-concurrent" : "concurrent";
        var pgo = Environment.GetEnvironmentVariable("DOTNET_TieredPGO")
            ?? Environment.GetEnvironmentVariable("COMPlus_TieredPGO")
            ?? (AppContext.GetData("System.Runtime.TieredPGO") is string built && bool.TryParse(built, out var on) && !on ? "0" : "1");
        return $"GC {collector}, {concurrent}; dynamic PGO {(pgo == "0" ? "off" : "on")}";
    }

    /// <summary>
    /// What the collector did since the process started, for the server's last line: collections per generation, the
    /// time they paused the process, and the bytes allocated.
    /// </summary>
    /// <returns>E.g. <c>GC: 120 gen0, 4 gen1, 1 gen2 collections, 85.2 ms paused, 1,024.0 MiB allocated</c>.</returns>
    public static string Summary() => string.Create(
        CultureInfo.InvariantCulture,
        $"GC: {GC.CollectionCount(0)} gen0, {GC.CollectionCount(1)} gen1, {GC.CollectionCount(2)} gen2 collections, {GC.GetTotalPauseDuration().TotalMilliseconds:N1} ms paused, {GC.GetTotalAllocatedBytes() / 1048576.0:N1} MiB allocated");

    /// <summary>The process's own argv (the host's, e.g. <c>dotnet sluice.dll serve ...</c> or <c>sluice serve ...</c>).</summary>
    private static List<string>? ReadCommandLine()
    {
        try
        {
            var text = File.ReadAllText("/proc/self/cmdline", Encoding.UTF8);
            return [.. text.TrimEnd('\0').Split('\0')];
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>execve(2); returns only when it fails.</summary>
    private static void Execute(string path, List<string> argv, List<string> environment)
    {
        var strings = new List<nint>();
        try
        {
            var argvPointers = Pointers(argv, strings);
            var environmentPointers = Pointers(environment, strings);
            _ = Execve(path, argvPointers, environmentPointers);
        }
        finally
        {
            foreach (var pointer in strings)
            {
                Marshal.FreeCoTaskMem(pointer);
            }
        }
    }

    /// <summary>A null-terminated array of UTF-8 strings, each kept in <paramref name="allocated"/> to be freed.</summary>
    private static nint[] Pointers(List<string> values, List<nint> allocated)
    {
        var pointers = new nint[values.Count + 1];
        for (var i = 0; i < values.Count; i++)
        {
            pointers[i] = Marshal.StringToCoTaskMemUTF8(values[i]);
            allocated.Add(pointers[i]);
        }

        return pointers;
    }

    [LibraryImport("libc", EntryPoint = "execve", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Execve(string path, nint[] argv, nint[] environment);
}
