using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Sluice.Core.Execution;
using Sluice.Core.Steps;
using Sluice.Definitions.Json;

namespace Sluice.Core.Jobs;

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
    /// <param name="cancellationToken">Cancels the copy.</param>
    /// <exception cref="IOException">When there is no such object or prefix.</exception>
    public static async Task UnpackAsync(StepRunContext context, string s3Uri, string directory, string what, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        if (await context.Objects.HeadAsync(s3Uri, cancellationToken) is null)
        {
            if ((await context.Objects.ListAsync(s3Uri, cancellationToken)).Count == 0)
            {
                throw new IOException($"{what} {s3Uri} does not exist");
            }

            await context.Objects.DownloadPrefixAsync(s3Uri, directory, cancellationToken);
            return;
        }

        await using var file = await context.Objects.OpenReadAsync(s3Uri, cancellationToken);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        await TarFile.ExtractToDirectoryAsync(gzip, directory, overwriteFiles: true, cancellationToken);
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

    /// <summary>
    /// The instance type a job asks for: ProcessingResources.ClusterConfig (Processing), ResourceConfig (Training) or
    /// TransformResources (Transform); <see langword="null"/> when none is a string.
    /// </summary>
    public static string? InstanceTypeOf(JsonElement arguments) =>
        new[] { arguments.Member("ProcessingResources").Member("ClusterConfig"), arguments.Member("ResourceConfig"), arguments.Member("TransformResources") }
            .Select(r => r.Member("InstanceType"))
            .FirstOrDefault(t => t is { ValueKind: JsonValueKind.String }) is { } type ? type.GetString() : null;

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
        var extras = extra.ToList();
        foreach (var member in arguments.EnumerateObject())
        {
            if (member.Name != skip && !extras.Any(e => e.Name == member.Name))
            {
                json.Append(first ? string.Empty : ", ").Append(Json.Quote(member.Name)).Append(": ").Append(WithDefaults(member.Name, member.Value));
                first = false;
            }
        }

        foreach (var (name, value) in extras)
        {
            json.Append(first ? string.Empty : ", ").Append(Json.Quote(name)).Append(": ").Append(value);
            first = false;
        }

        return Json.Parse(json.Append('}').ToString());
    }

    /// <summary>
    /// A request member as SageMaker describes it: <c>OutputDataConfig</c> always has <c>KmsKeyId</c>, empty when none
    /// was given (the SDK's <c>Estimator.attach</c> reads it without a default).
    /// </summary>
    private static string WithDefaults(string name, JsonElement value)
    {
        if (name != "OutputDataConfig" || value.ValueKind != JsonValueKind.Object || value.Member("KmsKeyId") is not null)
        {
            return value.GetRawText();
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            foreach (var member in value.EnumerateObject())
            {
                member.WriteTo(writer);
            }

            writer.WriteString("KmsKeyId", string.Empty);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
