using System.Diagnostics;

namespace Sluice.Core.Jobs.Local;

/// <summary>The programs the sandbox is made of, found once: bubblewrap, and util-linux's setpriv and prlimit.</summary>
/// <param name="SetPriv">The path of setpriv, which drops a job to its own user with no capabilities.</param>
/// <param name="PrLimit">The path of prlimit, which sets a job's limits.</param>
/// <param name="DisablesUserNamespaces">Whether this bwrap has <c>--disable-userns</c> (0.8 and later).</param>
internal sealed record SandboxTools(string SetPriv, string PrLimit, bool DisablesUserNamespaces)
{
    /// <summary>The bubblewrap command.</summary>
    public const string Bubblewrap = "bwrap";

    private static readonly Lazy<SandboxTools> Found = new(Find);

    /// <summary>The tools of this machine.</summary>
    /// <exception cref="SandboxUnavailableException">When one is missing, with how to install it.</exception>
    public static SandboxTools Current => Found.Value;

    private static SandboxTools Find()
    {
        var setpriv = Which("setpriv");
        var prlimit = Which("prlimit");
        if (setpriv is null || prlimit is null)
        {
            throw new SandboxUnavailableException(
                "Jobs run under util-linux's setpriv and prlimit, and they are not on PATH: run 'apt-get install util-linux'.");
        }

        return new SandboxTools(setpriv, prlimit, BubblewrapHas("--disable-userns"));
    }

    private static string? Which(string program)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin").Append("/bin")
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(candidate => File.Exists(candidate) && IsUnderSystemFolder(candidate));
    }

    /// <summary>Only a tool the sandbox shows the job can run inside it.</summary>
    private static bool IsUnderSystemFolder(string path) =>
        path.StartsWith("/usr/", StringComparison.Ordinal) || path.StartsWith("/bin/", StringComparison.Ordinal) || path.StartsWith("/sbin/", StringComparison.Ordinal);

    private static bool BubblewrapHas(string option)
    {
        try
        {
            var start = new ProcessStartInfo(Bubblewrap, "--help") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var process = Process.Start(start);
            if (process is null)
            {
                return false;
            }

            var text = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return text.Contains(option, StringComparison.Ordinal);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
