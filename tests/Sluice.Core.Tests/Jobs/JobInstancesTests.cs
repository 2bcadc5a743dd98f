using System.Text.Json;
using Sluice.Core.Jobs;

namespace Sluice.Core.Tests.Jobs;

/// <summary>SageMaker's multi-instance contract: InstanceCount read from the request, the instances' folders and resourceconfig.json.</summary>
public sealed class JobInstancesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sluice-instances-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("{}", 1)]
    [InlineData("{\"ResourceConfig\": {\"InstanceCount\": 3}}", 3)]
    [InlineData("{\"ProcessingResources\": {\"ClusterConfig\": {\"InstanceCount\": 2}}}", 2)]
    [InlineData("{\"ResourceConfig\": {\"InstanceCount\": null}}", 1)]
    public void CountOf_Request_ReadsInstanceCount(string request, int expected) =>
        JobInstances.CountOf(JsonDocument.Parse(request).RootElement).ShouldBe(expected);

    [Theory]
    [InlineData("{\"ResourceConfig\": {\"InstanceCount\": 0}}", "ResourceConfig.InstanceCount: 0 is not")]
    [InlineData("{\"ResourceConfig\": {\"InstanceCount\": 65}}", "ResourceConfig.InstanceCount: 65 is not")]
    [InlineData("{\"ResourceConfig\": {\"InstanceCount\": 1.5}}", "ResourceConfig.InstanceCount: 1.5 is not")]
    [InlineData("{\"ResourceConfig\": {\"InstanceCount\": \"2\"}}", "ResourceConfig.InstanceCount: 2 is not")]
    [InlineData("{\"ProcessingResources\": {\"ClusterConfig\": {\"InstanceCount\": 1e300}}}", "ProcessingResources.ClusterConfig.InstanceCount: 1e300 is not")]
    [InlineData("{\"ProcessingResources\": {\"ClusterConfig\": {\"InstanceCount\": {\"Get\": \"Parameters.N\"}}}}", "ProcessingResources.ClusterConfig.InstanceCount: ")]
    public void CountOf_HostileCount_IsRefusedNamingTheField(string request, string message) =>
        Should.Throw<ArgumentException>(() => JobInstances.CountOf(JsonDocument.Parse(request).RootElement)).Message.ShouldStartWith(message);

    [Fact]
    public void ResourceConfig_TrainingAndProcessing_AreWrittenAsSageMakerWritesThem()
    {
        List<string> hosts = JobInstances.Names(2);

        hosts.ShouldBe(["algo-1", "algo-2"]);
        JobInstances.ResourceConfig("algo-2", hosts, training: true).ShouldBe("{\"current_host\": \"algo-2\", \"hosts\": [\"algo-1\", \"algo-2\"], \"network_interface_name\": \"eth0\"}");
        JobInstances.ResourceConfig("algo-1", hosts, training: false).ShouldBe("{\"current_host\": \"algo-1\", \"hosts\": [\"algo-1\", \"algo-2\"]}");
        JobInstances.DirectoryOf("/d/jobs/e/S/1", "algo-1").ShouldBe("/d/jobs/e/S/1");
        JobInstances.DirectoryOf("/d/jobs/e/S/1", "algo-2").ShouldBe("/d/jobs/e/S/1.algo-2");
    }

    [Fact]
    public void Shard_FiveFilesForTheSecondOfTwo_KeepsEveryOtherFileInKeyOrder()
    {
        var folder = Path.Combine(_directory, "shard");
        Directory.CreateDirectory(Path.Combine(folder, "sub"));
        foreach (var name in new[] { "a", "b", "c", "sub/d", "sub/e" })
        {
            File.WriteAllText(Path.Combine(folder, name), name);
        }

        JobInstances.Shard(folder, 1, 2);

        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f)).Order(StringComparer.Ordinal)
            .ShouldBe(["b", "sub/d"]);
    }

    [Fact]
    public void Replicate_StagedFolder_CopiesFilesAndEmptyFoldersAndRefusesLinks()
    {
        var source = Path.Combine(_directory, "1");
        Directory.CreateDirectory(Path.Combine(source, "processing", "output"));
        File.WriteAllText(Path.Combine(source, "data.csv"), "1,2");

        JobInstances.Replicate(source, source + ".algo-2");

        File.ReadAllText(Path.Combine(source + ".algo-2", "data.csv")).ShouldBe("1,2");
        Directory.Exists(Path.Combine(source + ".algo-2", "processing", "output")).ShouldBeTrue();
        File.CreateSymbolicLink(Path.Combine(source, "passwd"), "/etc/passwd");
        Should.Throw<IOException>(() => JobInstances.Replicate(source, source + ".algo-3")).Message.ShouldContain("link");
    }
}
