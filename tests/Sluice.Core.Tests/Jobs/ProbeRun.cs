using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Sluice.Core.Jobs;
using Sluice.Core.Jobs.Local;

namespace Sluice.Core.Tests.Jobs;

/// <summary>
/// Runs <c>Probe/escape_probe.py</c> once in the real sandbox, with what it should not reach laid out on the host: a
/// data directory beside the tests (a store file, another job's file), a file in the host's /tmp, a variable in
/// Sluice's environment, a listening loopback port and this process's PID.
/// </summary>
public sealed class ProbeRun : IAsyncLifetime
{
    /// <summary>The checks the probe makes, each expected to be held.</summary>
    public static readonly TheoryData<string> Checks =
    [
        "write_usr", "write_etc", "write_root_folder", "write_opt", "read_shadow", "read_host_root_home", "read_home",
        "read_data_directory", "read_store", "write_data_directory", "read_other_job", "read_repository", "read_host_tmp",
        "rewrite_own_log", "host_environment", "capabilities", "is_root", "setuid_root", "remount_root_rw",
        "nested_namespace_remount", "mount_tmpfs", "hard_link_out", "device_disk", "mknod_device", "see_host_processes",
        "signal_sluice", "ptrace_host", "signal_pid_1", "network", "hostname", "process_bomb", "open_files",
        "tmp_is_private_and_writable", "own_folder_writable",
    ];

    private readonly string _dataDirectory = Path.Combine(AppContext.BaseDirectory, "probe-data-" + Guid.NewGuid().ToString("N"));
    private readonly string _hostTmpFile = Path.Combine(Path.GetTempPath(), "sluice-probe-" + Guid.NewGuid().ToString("N"));

    /// <summary>Each check's outcome.</summary>
    public IReadOnlyDictionary<string, string> Results { get; private set; } = new Dictionary<string, string>();

    /// <summary>How the probe job ended.</summary>
    public JobOutcome? Outcome { get; private set; }

    /// <summary>The job's folder on the host.</summary>
    public string JobDirectory => Path.Combine(_dataDirectory, "jobs", "execution", "Probe", "1");

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        var store = Path.Combine(_dataDirectory, "sluice.db");
        var otherJob = Path.Combine(_dataDirectory, "jobs", "other", "Step", "1", "secret.txt");
        var log = Path.Combine(_dataDirectory, "logs", "execution", "Probe.log");
        Directory.CreateDirectory(Path.GetDirectoryName(otherJob)!);
        Directory.CreateDirectory(Path.Combine(JobDirectory, "code"));
        await File.WriteAllTextAsync(store, "SQLite format 3");
        await File.WriteAllTextAsync(otherJob, "another job's output");
        await File.WriteAllTextAsync(_hostTmpFile, "host tmp");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Jobs", "Probe", "escape_probe.py"), Path.Combine(JobDirectory, "code", "probe.py"));

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Environment.SetEnvironmentVariable("SLUICE_PROBE_SECRET", "hunter2");
        var job = new JobSpec
        {
            Command = ["/usr/bin/python3", "/opt/ml/code/probe.py"],
            JobDirectory = JobDirectory,
            LogFile = log,
            Environment = new Dictionary<string, string>
            {
                ["PROBE_DATA_DIRECTORY"] = _dataDirectory,
                ["PROBE_STORE_FILE"] = store,
                ["PROBE_OTHER_JOB_FILE"] = otherJob,
                ["PROBE_REPOSITORY"] = AppContext.BaseDirectory,
                ["PROBE_HOST_TMP_FILE"] = _hostTmpFile,
                ["PROBE_LOG_FILE"] = log,
                ["PROBE_HOST_PID"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["PROBE_HOST_PORT"] = ((IPEndPoint)listener.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["PROBE_PROCESS_ATTEMPTS"] = "200",
                ["PROBE_FILE_ATTEMPTS"] = "500",
            },
            Isolation = JobSettings.Default with { Limits = JobLimits.Default with { Processes = 64, OpenFiles = 128 } },
        };

        Outcome = await new SandboxJobHost(TimeProvider.System, TimeSpan.FromSeconds(1)).RunAsync(job, CancellationToken.None, CancellationToken.None);
        var lastLine = File.ReadLines(log).LastOrDefault(l => l.StartsWith('{')) ?? "{}";
        Results = JsonSerializer.Deserialize<Dictionary<string, string>>(lastLine) ?? [];
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Environment.SetEnvironmentVariable("SLUICE_PROBE_SECRET", null);
        File.Delete(_hostTmpFile);
        Directory.Delete(_dataDirectory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
