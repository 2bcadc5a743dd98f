using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Sluice.Core.Tests.Storage.Postgres;

/// <summary>
/// A private, throwaway PostgreSQL cluster for the tests of one assembly: initdb into a temporary folder, a postmaster on
/// a free port of 127.0.0.1 with its unix socket in that folder, started on first use (about a second) and stopped by
/// its process id when the assembly's tests end. As root, initdb and the postmaster run as the <c>postgres</c> user
/// (or <c>nobody</c>), since PostgreSQL refuses to run as root. Registered as an assembly fixture, so it starts once.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private string? folder;
    private int port;
    private int postmasterPid;
    private string? unavailable;

    /// <summary>Gets the connection string of the cluster's <c>postgres</c> database once started.</summary>
    public string AdminConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = port,
        Username = "postgres",
        Database = "postgres",
        Pooling = false,
    }.ConnectionString;

    /// <summary>Starts the cluster unless it runs; skips the calling test when PostgreSQL is not installed.</summary>
    /// <returns>The admin connection string.</returns>
    public async Task<string> StartAsync()
    {
        await gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (unavailable is not null)
            {
                Assert.Skip(unavailable);
            }

            if (postmasterPid == 0)
            {
                var bin = FindBinaries();
                if (bin is null)
                {
                    unavailable = "PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin nor on PATH); " +
                        "scripts/test installs the Debian package 'postgresql'";
                    Assert.Skip(unavailable);
                }

                await StartClusterAsync(bin);
            }

            return AdminConnectionString;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Creates a schema of its own for one test and returns a connection string whose search path is it.</summary>
    /// <param name="schema">The schema's name (letters, digits and underscores).</param>
    /// <returns>The connection string.</returns>
    public async Task<string> CreateSchemaAsync(string schema)
    {
        await ExecuteAsync($"CREATE SCHEMA {schema};");
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { SearchPath = schema, Pooling = true, MaxPoolSize = 20 }.ConnectionString;
    }

    /// <summary>Drops a test's schema with everything in it.</summary>
    /// <param name="schema">The schema's name.</param>
    /// <returns>A task.</returns>
    public Task DropSchemaAsync(string schema) => ExecuteAsync($"DROP SCHEMA IF EXISTS {schema} CASCADE;");

    /// <summary>Creates a database of its own (for tests with whole servers) and returns its connection string.</summary>
    /// <param name="database">The database's name.</param>
    /// <returns>The connection string.</returns>
    public async Task<string> CreateDatabaseAsync(string database)
    {
        await ExecuteAsync($"CREATE DATABASE {database};");
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database, Pooling = true }.ConnectionString;
    }

    /// <summary>Runs one statement on the admin database.</summary>
    /// <param name="sql">The statement.</param>
    /// <returns>A task.</returns>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (postmasterPid != 0)
        {
            await StopAsync(postmasterPid);
            postmasterPid = 0;
        }

        if (folder is not null && Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        gate.Dispose();
    }

    private static string? FindBinaries()
    {
        var root = "/usr/lib/postgresql";
        if (Directory.Exists(root))
        {
            var versions = Directory.GetDirectories(root)
                .Where(d => File.Exists(Path.Combine(d, "bin", "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0);
            if (versions.FirstOrDefault() is { } newest)
            {
                return Path.Combine(newest, "bin");
            }
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':')
            .FirstOrDefault(d => d.Length > 0 && File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The user to run PostgreSQL as when this process is root: <c>postgres</c>, else <c>nobody</c>.</summary>
    private static string? RunAsUser()
    {
        if (Environment.UserName != "root")
        {
            return null;
        }

        return File.ReadLines("/etc/passwd").Any(line => line.StartsWith("postgres:", StringComparison.Ordinal)) ? "postgres" : "nobody";
    }

    private static async Task<string> RunAsync(string? user, string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(user is null ? file : "runuser")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (user is not null)
        {
            foreach (var word in (string[])["-u", user, "--", file])
            {
                info.ArgumentList.Add(word);
            }
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} exited with {process.ExitCode}: {await error}{await output}");
        }

        return await output;
    }

    private static async Task StopAsync(int pid)
    {
        Process process;
        try
        {
            process = Process.GetProcessById(pid);
        }
        catch (ArgumentException)
        {
            return; // gone already
        }

        using (process)
        {
            // SIGINT is PostgreSQL's fast shutdown: sessions are ended, the cluster stops cleanly.
            using (var kill = Process.Start(new ProcessStartInfo("kill", ["-INT", pid.ToString(CultureInfo.InvariantCulture)])
                   {
                       UseShellExecute = false,
                   })!)
            {
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private async Task StartClusterAsync(string bin)
    {
        folder = Path.Combine(Path.GetTempPath(), "sluice-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        var user = RunAsUser();
        if (user is not null)
        {
            await RunAsync(null, "chown", user, folder);
        }

        var data = Path.Combine(folder, "data");
        await RunAsync(user, Path.Combine(bin, "initdb"), "-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C");
        port = FreePort();
        await RunAsync(
            user,
            Path.Combine(bin, "pg_ctl"),
            "-D",
            data,
            "-o",
            $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400",
            "-l",
            Path.Combine(folder, "postgres.log"),
            "-w",
            "start");
        var pidLine = (await File.ReadAllLinesAsync(Path.Combine(data, "postmaster.pid")))[0];
        postmasterPid = int.Parse(pidLine, CultureInfo.InvariantCulture);
    }
}
