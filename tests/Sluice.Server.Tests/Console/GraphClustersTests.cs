using Sluice.Server.Console;

namespace Sluice.Server.Tests.Console;

public sealed class GraphClustersTests
{
    [Fact]
    public void Group_AtMostTheThreshold_MakesNoClusters()
    {
        var names = Names(10, i => $"S{i}");

        GraphClusters.Group([[.. Enumerable.Range(0, 10)]], names, threshold: 10).ShouldBeEmpty();
    }

    [Fact]
    public void Group_LargeColumns_EveryStepInOneClusterOfItsColumnAtMostMaxSize()
    {
        var names = Names(1_000, i => $"S{i:D5}");
        int[][] columns = [[.. Enumerable.Range(0, 250)], [.. Enumerable.Range(250, 700)], [.. Enumerable.Range(950, 50)]];

        var clusters = GraphClusters.Group(columns, names, threshold: 100, maxSize: 100);

        clusters.SelectMany(c => c.Members).Order().ShouldBe(Enumerable.Range(0, 1_000));
        clusters.ShouldAllBe(c => c.Members.Count <= 100 && c.Members.Count > 0);
        clusters.ShouldAllBe(c => c.Members.All(m => columns[c.Column].Contains(m)));
        clusters.Count.ShouldBe(3 + 7 + 1, "250 in 3 pieces, 700 in 7, 50 in 1");
        clusters[0].Label.ShouldBe("S00000 … S00082");
        clusters.Select(c => c.Column).ShouldBeInOrder();
    }

    [Fact]
    public void Group_NamePrefixRuns_OneClusterPerPrefix()
    {
        string[] names = [.. Names(30, i => $"train-{i}"), .. Names(30, i => $"eval_{i}"), .. Names(40, i => $"Publish{i:D3}")];

        var clusters = GraphClusters.Group([[.. Enumerable.Range(0, 100)]], names, threshold: 10, maxSize: 50);

        clusters.Select(c => c.Members.Count).ShouldBe([30, 30, 40]);
        clusters.Select(c => c.Label).ShouldBe(["train-0 … train-29", "eval_0 … eval_29", "Publish000 … Publish039"]);
    }

    [Fact]
    public void Group_InterleavedPrefixes_CutByPositionInsteadOfIntoSingletons()
    {
        var names = Names(200, i => (i % 2 == 0 ? "a-" : "b-") + i);

        var clusters = GraphClusters.Group([[.. Enumerable.Range(0, 200)]], names, threshold: 10, maxSize: 100);

        clusters.Select(c => c.Members.Count).ShouldBe([100, 100]);
    }

    [Theory]
    [InlineData("S00042", "S")]
    [InlineData("train-model-3", "train-model")]
    [InlineData("Feature_A_Eval", "Feature_A")]
    [InlineData("PrepareData", "PrepareData")]
    [InlineData("12345", "12345")]
    [InlineData("-x", "-x")]
    public void Prefix_Names_UpToTheLastDelimiterOrWithoutTrailingDigits(string name, string prefix) =>
        GraphClusters.Prefix(name).ShouldBe(prefix);

    private static string[] Names(int count, Func<int, string> name) => [.. Enumerable.Range(0, count).Select(name)];
}
