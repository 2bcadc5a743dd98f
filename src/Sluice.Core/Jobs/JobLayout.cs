using System.Globalization;
using Sluice.Core.Steps;

namespace Sluice.Core.Jobs;

/// <summary>Where a job's files live on the host.</summary>
/// <param name="JobDirectory"><c>{data}/jobs/{execution id}/{step}/{attempt}</c>: the job's <c>/opt/ml</c>.</param>
/// <param name="LogFile"><c>{data}/logs/{execution id}/{step}.log</c>, which the job cannot write to.</param>
internal sealed record JobLayout(string JobDirectory, string LogFile)
{
    /// <summary>The layout of a step's current attempt.</summary>
    public static JobLayout For(StepRunContext context)
    {
        var data = context.Options.DataDirectory;
        var execution = context.Execution.ExecutionId;
        return new JobLayout(
            Path.Combine(data, "jobs", execution, context.Step.Name, context.Attempt.ToString(CultureInfo.InvariantCulture)),
            Path.Combine(data, "logs", execution, context.Step.Name + ".log"));
    }

    /// <summary>The host path of a path under /opt/ml in the sandbox; see <see cref="SandboxPaths.Resolve"/>.</summary>
    /// <exception cref="ArgumentException">When the path is not plainly under /opt/ml, or leads through a symbolic link.</exception>
    public string HostPath(string sandboxPath) => SandboxPaths.Resolve(JobDirectory, sandboxPath, SandboxPaths.MlRoot);

    /// <summary>The host path of a LocalPath that must be under <paramref name="root"/> (and not be the root itself).</summary>
    /// <exception cref="ArgumentException">When the path is not plainly under the root, or leads through a symbolic link.</exception>
    public string HostPath(string sandboxPath, string root) => SandboxPaths.Resolve(JobDirectory, sandboxPath, root);
}
