using System.Globalization;

namespace Sluice.Core.Jobs.Local;

/// <summary>
/// The bubblewrap command line of a job. What the job sees: the system folders read-only (<c>/usr</c>, <c>/etc</c>
/// with its secrets masked, the <c>/bin</c> and <c>/lib</c> links or folders, <c>/opt</c>'s entries, and the folders
/// of configured interpreters), a minimal <c>/dev</c>, its own <c>/proc</c>, private <c>/tmp</c> and
/// <c>/dev/shm</c>, and its own folder as <c>/opt/ml</c>. Nothing else of the host: not the data directory, other
/// jobs, <c>/root</c>, <c>/home</c>, the host's <c>/tmp</c> or the working directory. It runs in its own PID, IPC,
/// UTS and cgroup namespaces and session, with no network unless its settings allow it, as a user without
/// capabilities (<see cref="SandboxIdentity"/>), under <c>prlimit</c>'s limits.
/// </summary>
internal static class SandboxArguments
{
    /// <summary>The host name a job sees, SageMaker's name for the first instance.</summary>
    public const string HostName = "algo-1";

    /// <summary>Folders that are links on merged-/usr systems and folders elsewhere: mirrored as the host has them.</summary>
    private static readonly string[] RootLinks = ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"];

    /// <summary>Files under /etc that no job needs and that hold secrets: replaced by an empty file.</summary>
    private static readonly string[] MaskedFiles = ["/etc/shadow", "/etc/shadow-", "/etc/gshadow", "/etc/gshadow-", "/etc/sudoers", "/etc/security/opasswd"];

    /// <summary>Folders under /etc that hold keys: replaced by an empty folder.</summary>
    private static readonly string[] MaskedFolders = ["/etc/ssh", "/etc/ssl/private", "/etc/sudoers.d"];

    /// <summary>Folders every job reads: the system's programs, libraries and settings.</summary>
    private static readonly string[] SystemFolders = ["/usr", "/etc"];

    /// <summary>The arguments of bwrap for a job.</summary>
    /// <param name="job">The job.</param>
    /// <param name="identity">Who it runs as.</param>
    /// <param name="tools">Where setpriv and prlimit are, and what this bwrap supports.</param>
    /// <returns>The arguments, the job's command last.</returns>
    public static List<string> For(JobSpec job, SandboxIdentity identity, SandboxTools tools)
    {
        var settings = job.Isolation;
        var limits = settings.Limits;
        var arguments = new List<string>();
        void Add(params string[] words) => arguments.AddRange(words);

        foreach (var folder in SystemFolders.Where(Directory.Exists))
        {
            Add("--ro-bind", folder, folder);
        }

        foreach (var link in RootLinks)
        {
            var info = new FileInfo(link);
            if (info.LinkTarget is { } target)
            {
                Add("--symlink", target, link);
            }
            else if (Directory.Exists(link))
            {
                Add("--ro-bind", link, link);
            }
        }

        foreach (var file in MaskedFiles.Where(File.Exists))
        {
            Add("--ro-bind", "/dev/null", file);
        }

        foreach (var folder in MaskedFolders.Where(Directory.Exists))
        {
            Add("--tmpfs", folder, "--remount-ro", folder);
        }

        var scratch = Math.Min(limits.DiskBytes, limits.MemoryBytes).ToString(CultureInfo.InvariantCulture);
        Add("--dev", "/dev");
        Add("--perms", "1777", "--size", scratch, "--tmpfs", "/dev/shm");
        Add("--proc", "/proc");
        if (Directory.Exists("/sys/devices/system/cpu"))
        {
            // Libraries size their thread pools from it (glibc's sysconf, OpenBLAS); it says nothing else of the host.
            Add("--ro-bind", "/sys/devices/system/cpu", "/sys/devices/system/cpu");
        }

        Add("--perms", "1777", "--size", scratch, "--tmpfs", "/tmp");

        // /opt is private so /opt/ml can be mounted; the host's own /opt entries (a conda, say) stay readable.
        Add("--tmpfs", "/opt");
        if (Directory.Exists("/opt"))
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries("/opt").Where(e => Path.GetFileName(e) != "ml").Order(StringComparer.Ordinal))
            {
                Add("--ro-bind", entry, entry);
            }
        }

        foreach (var path in ExtraReadOnlyPaths(settings.ReadOnlyPaths))
        {
            Add("--ro-bind", path, path);
        }

        Add("--bind", Path.GetFullPath(job.JobDirectory), "/opt/ml");

        // The sandbox's own root and /opt are folders bubblewrap made in memory, the job's to write when it keeps the
        // caller's user; read-only, they leave /opt/ml, /tmp and /dev/shm as the only places a job writes.
        Add("--remount-ro", "/opt", "--remount-ro", "/");
        Add("--chdir", job.WorkingDirectory);
        Add("--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try", "--hostname", job.HostName);
        if (settings.Network == JobNetwork.None)
        {
            Add("--unshare-net");
        }

        Add("--new-session", "--die-with-parent");
        if (!identity.AsRoot)
        {
            Add("--unshare-user", "--cap-drop", "ALL");
            if (tools.DisablesUserNamespaces)
            {
                Add("--disable-userns");
            }
        }

        Add("--");
        if (identity.AsRoot)
        {
            // bwrap has mounted with root's rights; the job itself is a user of its own, with no capability in any set,
            // and no way to gain one (no_new_privs).
            var id = identity.Uid.ToString(CultureInfo.InvariantCulture);
            Add(tools.SetPriv, $"--reuid={id}", $"--regid={id}", "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--");
        }

        Add(
            tools.PrLimit,
            $"--nproc={limits.Processes.ToString(CultureInfo.InvariantCulture)}",
            $"--as={limits.MemoryBytes.ToString(CultureInfo.InvariantCulture)}",
            $"--fsize={limits.DiskBytes.ToString(CultureInfo.InvariantCulture)}",
            $"--nofile={limits.OpenFiles.ToString(CultureInfo.InvariantCulture)}",
            "--core=0",
            "--");
        arguments.AddRange(job.Command);
        return arguments;
    }

    /// <summary>
    /// The extra folders to show read-only: those that exist and that the system folders do not already show,
    /// outermost first so that binding one never hides another.
    /// </summary>
    private static IEnumerable<string> ExtraReadOnlyPaths(IEnumerable<string> paths)
    {
        var shown = SystemFolders.Concat(RootLinks).Append("/opt").ToList();
        foreach (var path in paths.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).OrderBy(p => p.Length))
        {
            var covered = shown.Any(s => path == s || path.StartsWith(s + "/", StringComparison.Ordinal));
            if (!covered && (Directory.Exists(path) || File.Exists(path)) && path != "/")
            {
                shown.Add(path);
                yield return path;
            }
        }
    }
}
