using System.Collections;

namespace Sluice.Core.Jobs.Local;

/// <summary>
/// The environment a job starts with: nothing of Sluice's own (no credentials, tokens or settings), only the variables
/// programs need to run as they would on this machine, <c>HOME=/tmp</c>, and the job's own variables, which win.
/// </summary>
internal static class JobEnvironment
{
    /// <summary>The host variables passed on: names, or prefixes ending in <c>*</c>.</summary>
    public static readonly IReadOnlyList<string> DefaultPassed =
        ["PATH", "LANG", "LANGUAGE", "LC_*", "TZ", "TERM", "OPENBLAS_*", "OMP_*", "MKL_*"];

    /// <summary>Replaces <paramref name="target"/>'s contents with the job's environment.</summary>
    /// <param name="target">The process start's environment.</param>
    /// <param name="job">The job.</param>
    public static void Fill(IDictionary<string, string?> target, JobSpec job)
    {
        var passed = DefaultPassed.Concat(job.Isolation.PassEnvironment).ToList();
        target.Clear();
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            var name = (string)variable.Key;
            if (passed.Any(p => p.EndsWith('*') ? name.StartsWith(p[..^1], StringComparison.Ordinal) : name == p))
            {
                target[name] = (string?)variable.Value;
            }
        }

        target.TryAdd("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        target["HOME"] = "/tmp";
        foreach (var (name, value) in job.Environment)
        {
            target[name] = value;
        }
    }
}
