using System.Text.Json;
using Sluice.Core.Execution;
using Sluice.Core.Steps;

namespace Sluice.Core.Jobs;

/// <summary>A job step's isolation: the configuration's <c>jobs:</c> with what the step itself asks for.</summary>
internal static class JobIsolation
{
    /// <summary>
    /// The settings of a job: no network when the step asks for network isolation (<c>EnableNetworkIsolation</c> of a
    /// training job or its tuning definition, <c>NetworkConfig.EnableNetworkIsolation</c> of a processing job), the disk
    /// limit lowered to the step's <c>VolumeSizeInGB</c>, and the folders of the interpreters the job may run made
    /// readable.
    /// </summary>
    /// <param name="context">The step's context.</param>
    /// <param name="arguments">The job's request (a tuning trial's is its training job definition).</param>
    /// <param name="command">The job's command.</param>
    /// <returns>The settings.</returns>
    public static JobSettings For(StepRunContext context, JsonElement arguments, IReadOnlyList<string> command)
    {
        var configured = context.Configuration.Jobs;
        var isolated = IsTrue(arguments.Member("EnableNetworkIsolation")) || IsTrue(arguments.Member("NetworkConfig").Member("EnableNetworkIsolation"));
        var volume = arguments.Member("ProcessingResources").Member("ClusterConfig").Member("VolumeSizeInGB") is { ValueKind: JsonValueKind.Number } p
            ? p.GetDouble()
            : arguments.Member("ResourceConfig").Member("VolumeSizeInGB") is { ValueKind: JsonValueKind.Number } t ? t.GetDouble() : (double?)null;

        var executables = context.Configuration.Images.Select(i => i.Command[0]).Append(context.Configuration.Python).Append(command[0]);
        return configured with
        {
            Network = isolated ? JobNetwork.None : configured.Network,
            Limits = configured.Limits.ForVolume(volume),
            ReadOnlyPaths = [.. configured.ReadOnlyPaths, .. executables.SelectMany(InstallationOf).Distinct(StringComparer.Ordinal)],
        };
    }

    private static bool IsTrue(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.True } || (value is { ValueKind: JsonValueKind.String } text && text.GetString() is "true" or "True");

    /// <summary>
    /// The folders an absolute executable needs, through its links: <c>/srv/venv</c> for <c>/srv/venv/bin/python</c>,
    /// and the installation its link leads to. A command found on PATH needs none: PATH's system folders are shown.
    /// </summary>
    private static IEnumerable<string> InstallationOf(string executable)
    {
        if (!Path.IsPathFullyQualified(executable))
        {
            yield break;
        }

        var path = executable;
        for (var hops = 0; hops < 40 && path is not null; hops++)
        {
            var folder = Path.GetDirectoryName(path);
            if (folder is null)
            {
                yield break;
            }

            yield return Path.GetFileName(folder) == "bin" && Path.GetDirectoryName(folder) is { Length: > 1 } prefix ? prefix : folder;
            FileSystemInfo? next;
            try
            {
                next = new FileInfo(path).LinkTarget is null ? null : File.ResolveLinkTarget(path, returnFinalTarget: false);
            }
            catch (IOException)
            {
                yield break;
            }

            path = next?.FullName;
        }
    }
}
