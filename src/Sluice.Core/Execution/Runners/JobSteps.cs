using System.Globalization;
using System.Text;
using System.Text.Json;
using Sluice.Core.Jobs;

namespace Sluice.Core.Execution.Runners;

/// <summary>What the runners of job steps (Processing, Training, ...) share: folders, arguments and Describe* shapes.</summary>
internal static class JobSteps
{
    /// <summary>The longest a <see cref="CancellationTokenSource"/> can wait.</summary>
    private const double MaxTimerMilliseconds = uint.MaxValue - 1.0;

    /// <summary>The items of a JSON list, or none.</summary>
    public static List<JsonElement> Items(JsonElement? list) =>
        list is { ValueKind: JsonValueKind.Array } array ? [.. array.EnumerateArray()] : [];

    /// <summary>Unpacks a tar.gz object into a folder, or copies an S3 prefix into it.</summary>
    /// <param name="context">The step's context, for the object store.</param>
    /// <param name="s3Uri">The tar.gz object or the prefix.</param>
    /// <param name="directory">The folder to fill.</param>
    /// <param name="what">What the URI is, for the message when it does not exist (e.g. <c>ModelDataUrl</c>).</param>
    /// <exception cref="IOException">When there is no such object or prefix.</exception>
    public static void Unpack(StepRunContext context, string s3Uri, string directory, string what)
    {
        Directory.CreateDirectory(directory);
        var path = context.Objects.PathOf(s3Uri);
        if (Directory.Exists(path))
        {
            context.Objects.DownloadPrefix(s3Uri, directory);
            return;
        }

        if (!File.Exists(path))
        {
            throw new IOException($"{what} {s3Uri} does not exist (looked for {path})");
        }

        using var file = File.OpenRead(path);
        using var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress);
        System.Formats.Tar.TarFile.ExtractToDirectory(gzip, directory, overwriteFiles: true);
    }

    /// <summary>An <c>Environment</c> map's variables.</summary>
    public static Dictionary<string, string> EnvironmentOf(JsonElement arguments)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (arguments.Member("Environment") is { ValueKind: JsonValueKind.Object } variables)
        {
            foreach (var variable in variables.EnumerateObject())
            {
                environment[variable.Name] = Json.ToText(variable.Value);
            }
        }

        return environment;
    }

    /// <summary>
    /// StoppingCondition.MaxRuntimeInSeconds; none when it is not a positive number, and at most what a timer can wait
    /// (about 49 days), so that <c>1e999</c> or <c>-1</c> cannot break the job's timer.
    /// </summary>
    public static TimeSpan? MaxRuntimeOf(JsonElement arguments) =>
        arguments.Member("StoppingCondition").Member("MaxRuntimeInSeconds").TryGetNumber(out var seconds) && seconds > 0
            ? TimeSpan.FromMilliseconds(Math.Min(seconds * 1000, MaxTimerMilliseconds))
            : null;


    /// <summary>A time as the wire writes it: epoch seconds.</summary>
    public static string Seconds(DateTimeOffset time) =>
        (time.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>The ARN of a job: <c>arn:aws:sagemaker:{region}:{account}:{kind}/{name, lower case}</c>.</summary>
    public static string Arn(StepRunContext context, string kind, string name) =>
        $"arn:aws:sagemaker:{context.Options.Region}:{context.Options.Account}:{kind}/{name.ToLowerInvariant()}";

    /// <summary>
    /// A Describe* response: the request's members as given (but <paramref name="skip"/>), then the job's own members
    /// (<paramref name="extra"/>, each a name and its raw JSON).
    /// </summary>
    public static JsonElement Describe(JsonElement arguments, string skip, IEnumerable<(string Name, string Json)> extra)
    {
        var json = new StringBuilder("{");
        var first = true;
        foreach (var member in arguments.EnumerateObject())
        {
            if (member.Name != skip)
            {
                json.Append(first ? string.Empty : ", ").Append(Json.Quote(member.Name)).Append(": ").Append(member.Value.GetRawText());
                first = false;
            }
        }

        foreach (var (name, value) in extra)
        {
            json.Append(first ? string.Empty : ", ").Append(Json.Quote(name)).Append(": ").Append(value);
            first = false;
        }

        return Json.Parse(json.Append('}').ToString());
    }
}

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
