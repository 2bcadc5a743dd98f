using System.Globalization;
using System.Text.Json;
using Sluice.Core.Execution;
using Sluice.Definitions.Json;

namespace Sluice.Core.Jobs;

/// <summary>
/// SageMaker's contract for a job of several instances (<c>InstanceCount &gt; 1</c>): the instances are named
/// <c>algo-1</c> to <c>algo-N</c>, each runs the same command with its own <c>/opt/ml</c> and learns who it is and who
/// the others are from a <c>resourceconfig.json</c> (and, for training, <c>SM_CURRENT_HOST</c> and <c>SM_HOSTS</c>). The
/// runner stages <c>algo-1</c>'s folder, then copies it for every other instance (<see cref="Replicate"/>): inputs are
/// FullyReplicated, as SageMaker's default. Instance <c>algo-K</c>'s folder is the job's folder with <c>.algo-K</c>
/// appended (<see cref="DirectoryOf"/>), beside it, so no instance sees another's. An input whose
/// S3DataDistributionType is <c>ShardedByS3Key</c> is then split between the instances (<see cref="Shard"/>).
/// </summary>
internal static class JobInstances
{
    /// <summary>The name of the first (or only) instance.</summary>
    public const string FirstHost = "algo-1";

    /// <summary>The most instances one job may ask for here (SageMaker's own quotas are lower for most types).</summary>
    public const int MaxInstances = 64;

    /// <summary>
    /// The InstanceCount a job asks for: ProcessingResources.ClusterConfig (Processing) or ResourceConfig (Training); 1
    /// when it gives none.
    /// </summary>
    /// <param name="arguments">The step's request.</param>
    /// <returns>The count, from 1 to <see cref="MaxInstances"/>.</returns>
    /// <exception cref="ArgumentException">When the count is not a whole number in that range; the message names the field.</exception>
    public static int CountOf(JsonElement arguments)
    {
        foreach (var (path, resources) in new[]
        {
            ("ProcessingResources.ClusterConfig.InstanceCount", arguments.Member("ProcessingResources").Member("ClusterConfig")),
            ("ResourceConfig.InstanceCount", arguments.Member("ResourceConfig")),
        })
        {
            if (resources.Member("InstanceCount") is not { } count || count.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
            {
                continue;
            }

            return count.ValueKind == JsonValueKind.Number && count.TryGetInt32(out var n) && n is >= 1 and <= MaxInstances
                ? n
                : throw new ArgumentException($"{path}: {Json.ToText(count)} is not a whole number of instances from 1 to {MaxInstances}");
        }

        return 1;
    }

    /// <summary>The instances' names: <c>algo-1</c> to <c>algo-N</c>.</summary>
    /// <param name="count">How many.</param>
    /// <returns>The names.</returns>
    public static List<string> Names(int count) =>
        [.. Enumerable.Range(1, count).Select(i => "algo-" + i.ToString(CultureInfo.InvariantCulture))];

    /// <summary>An instance's folder: the job's folder for <c>algo-1</c>, the job's folder with <c>.algo-K</c> appended for the others.</summary>
    /// <param name="jobDirectory">The job's folder (<see cref="JobSpec.JobDirectory"/> of <c>algo-1</c>).</param>
    /// <param name="host">The instance's name.</param>
    /// <returns>The folder.</returns>
    public static string DirectoryOf(string jobDirectory, string host) =>
        host == FirstHost ? jobDirectory : Path.TrimEndingDirectorySeparator(jobDirectory) + "." + host;

    /// <summary>
    /// <c>resourceconfig.json</c> as SageMaker writes it for an instance: training's (in <c>/opt/ml/input/config</c>) names
    /// the network interface too; processing's (in <c>/opt/ml/config</c>) only the hosts.
    /// </summary>
    /// <param name="current">The instance's name.</param>
    /// <param name="hosts">Every instance's name.</param>
    /// <param name="training">Whether it is training's form.</param>
    /// <returns>The JSON text.</returns>
    public static string ResourceConfig(string current, IReadOnlyList<string> hosts, bool training) =>
        $"{{\"current_host\": {Json.Quote(current)}, \"hosts\": {HostList(hosts)}" + (training ? ", \"network_interface_name\": \"eth0\"}" : "}");

    /// <summary>The hosts as a JSON list, as SM_HOSTS writes them.</summary>
    /// <param name="hosts">The names.</param>
    /// <returns>The JSON text.</returns>
    public static string HostList(IReadOnlyList<string> hosts) => "[" + string.Join(", ", hosts.Select(Json.Quote)) + "]";

    /// <summary>The distribution type that splits an input's objects between the instances.</summary>
    public const string ShardedByS3Key = "ShardedByS3Key";

    /// <summary>
    /// Keeps in an instance's copy of a <c>ShardedByS3Key</c> input only its share of the files: in the order of their
    /// keys, the files whose position modulo <paramref name="count"/> is the instance's (SageMaker gives each instance
    /// about 1/N of the objects).
    /// </summary>
    /// <param name="folder">The input's folder in the instance's copy.</param>
    /// <param name="index">The instance's position, 0 for <c>algo-1</c>.</param>
    /// <param name="count">How many instances.</param>
    public static void Shard(string folder, int index, int count)
    {
        var files = JobFiles.RegularFiles(folder);
        for (var i = 0; i < files.Count; i++)
        {
            if (i % count != index)
            {
                File.Delete(files[i]);
            }
        }
    }

    /// <summary>
    /// Copies a staged folder for another instance: folders and regular files only (staging makes nothing else); a
    /// folder left from an earlier run of the same attempt is replaced.
    /// </summary>
    /// <param name="source">The staged folder of <c>algo-1</c>.</param>
    /// <param name="target">The other instance's folder.</param>
    /// <exception cref="IOException">When the staged folder holds a link or anything but folders and regular files.</exception>
    public static void Replicate(string source, string target)
    {
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        Directory.CreateDirectory(target);
        var pending = new Stack<(string From, string To)>([(source, target)]);
        while (pending.TryPop(out var folder))
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(folder.From))
            {
                var to = Path.Combine(folder.To, Path.GetFileName(entry));
                var info = new FileInfo(entry);
                if (info.LinkTarget is not null)
                {
                    throw new IOException($"{entry}: a staged job folder holds a link, which is not copied to the other instances");
                }

                if (info.Attributes.HasFlag(FileAttributes.Directory))
                {
                    Directory.CreateDirectory(to);
                    pending.Push((entry, to));
                }
                else if (File.Exists(entry))
                {
                    File.Copy(entry, to);
                }
            }
        }
    }
}
