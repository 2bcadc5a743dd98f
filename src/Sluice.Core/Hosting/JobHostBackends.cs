using Sluice.Core.Configuration;
using Sluice.Definitions;
using Sluice.Core.Execution;
using Sluice.Core.Jobs;
using Sluice.Core.Jobs.Local;

namespace Sluice.Core.Hosting;

/// <summary>
/// The job hosts <c>sluice.yaml</c> may choose with <c>jobs.host</c>. A new host is a folder under <c>Jobs/</c> and one
/// line in the table below; the configuration reader and <see cref="SluiceHost"/> both read it.
/// </summary>
public static class JobHostBackends
{
    /// <summary>The configuration key that chooses the host.</summary>
    public const string Key = "jobs.host";

    /// <summary>The host used when the configuration names none: jobs run on this machine in the bubblewrap sandbox.</summary>
    public const string Default = SandboxJobHost.HostName;

    // Ordinal and lower case: the names are written in YAML and must match as written.
    private static readonly Dictionary<string, Func<JobHostContext, IJobHost>> Factories = new(StringComparer.Ordinal)
    {
        [Default] = context => new SandboxJobHost(context.Time, StepRunnerRegistry.StopGrace),
    };

    /// <summary>The names of the supported hosts, e.g. <c>local</c>.</summary>
    public static IReadOnlyCollection<string> Names => Factories.Keys;

    /// <summary>Whether a host of this name exists.</summary>
    /// <param name="name">The name as written in the configuration.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public static bool IsSupported(string name) => Factories.ContainsKey(name);

    /// <summary>
    /// Why a host name cannot be used, naming the supported ones, e.g. <c>'lokal' is not a job host (did you mean
    /// 'local'?); supported: local</c>.
    /// </summary>
    /// <param name="name">The name as written.</param>
    /// <returns>The problem, without the key or the file.</returns>
    public static string Unsupported(string name) =>
        $"'{name}' is not a job host{Spelling.Hint(name, Names)}; supported: {string.Join(", ", Names)}";

    /// <summary>Creates the job host a configuration chooses.</summary>
    /// <param name="context">The configuration, data directory and clock.</param>
    /// <returns>The host.</returns>
    /// <exception cref="ConfigurationException">When the host is not supported.</exception>
    internal static IJobHost Create(JobHostContext context)
    {
        var name = context.Configuration.Jobs.Host;
        if (Factories.TryGetValue(name, out var create))
        {
            return create(context);
        }

        var where = context.Configuration.Source is null ? string.Empty : $"{context.Configuration.Source}: ";
        throw new ConfigurationException($"{where}{Key}: {Unsupported(name)}");
    }
}

/// <summary>What a job host is built from.</summary>
/// <param name="Configuration">The user's configuration; <see cref="JobSettings"/> holds the host's own settings.</param>
/// <param name="DataDirectory">The full path of the data directory.</param>
/// <param name="Time">The clock jobs' time limits run on.</param>
internal sealed record JobHostContext(SluiceConfiguration Configuration, string DataDirectory, TimeProvider Time);
