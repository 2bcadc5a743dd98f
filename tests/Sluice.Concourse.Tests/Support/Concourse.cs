using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Sluice.Concourse.Tests.Support;

/// <summary>
/// Runs the resource's scripts the way Concourse does: a child process whose environment is replaced (not merged) by
/// the build metadata and whatever a test adds, the request as JSON on standard input, and for in and out a directory
/// as the only argument.
/// </summary>
public sealed class Concourse(ResourceAssets assets)
{
    /// <summary>The build metadata of a job build, as Concourse Tools' test helpers give it.</summary>
    public static readonly IReadOnlyDictionary<string, string> BuildEnvironment = new Dictionary<string, string>
    {
        ["BUILD_ID"] = "12345678",
        ["BUILD_NAME"] = "42",
        ["BUILD_TEAM_NAME"] = "my-team",
        ["BUILD_JOB_NAME"] = "my-job",
        ["BUILD_PIPELINE_NAME"] = "my-pipeline",
        ["ATC_EXTERNAL_URL"] = "https://ci.myconcourse.com",
    };

    /// <summary>Runs check, which gets no build metadata.</summary>
    public Task<ResourceResult> CheckAsync(JsonObject source, string? versionArn = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var request = new JsonObject { ["source"] = source.DeepClone() };
        if (versionArn is not null)
        {
            request["version"] = new JsonObject { ["execution_arn"] = versionArn };
        }

        return RunAsync("check", request, null, environment ?? new Dictionary<string, string>());
    }

    /// <summary>Runs in into a destination directory.</summary>
    public Task<ResourceResult> InAsync(JsonObject source, string versionArn, string destination, JsonObject? parameters = null) =>
        RunAsync(
            "in",
            new JsonObject
            {
                ["source"] = source.DeepClone(),
                ["version"] = new JsonObject { ["execution_arn"] = versionArn },
                ["params"] = parameters?.DeepClone() ?? new JsonObject(),
            },
            destination,
            BuildEnvironment);

    /// <summary>Runs out over a build's directory.</summary>
    public Task<ResourceResult> OutAsync(JsonObject source, JsonObject parameters, string sources, IReadOnlyDictionary<string, string>? environment = null) =>
        RunAsync("out", new JsonObject { ["source"] = source.DeepClone(), ["params"] = parameters.DeepClone() }, sources, environment ?? BuildEnvironment);

    /// <summary>Runs a script with a raw request, for malformed input.</summary>
    public async Task<ResourceResult> RunAsync(string script, JsonNode request, string? directory, IReadOnlyDictionary<string, string> environment)
    {
        using var running = Start(script, request, directory, environment);
        return await running.FinishAsync();
    }

    /// <summary>Starts a script for a test that acts while it runs; finish it with <see cref="RunningResource.FinishAsync"/>.</summary>
    public RunningResource Start(string script, JsonNode request, string? directory, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(Path.Combine(assets.Directory, script))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (directory is not null)
        {
            start.ArgumentList.Add(directory);
        }

        start.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return new RunningResource(Process.Start(start)!, request.ToJsonString());
    }
}
