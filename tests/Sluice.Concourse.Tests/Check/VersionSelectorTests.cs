using Sluice.Concourse.Check;

namespace Sluice.Concourse.Tests.Check;

public sealed class VersionSelectorTests
{
    [Fact]
    public async Task SelectAsync_NoPrevious_ReturnsNewestAndReadsNoFurther()
    {
        var read = new List<string>();

        var selected = await VersionSelector.SelectAsync(Listing(read, "e5", "e4", "e3"), null, TestContext.Current.CancellationToken);

        selected.ShouldBe(["e5"]);
        read.ShouldBe(["e5"]);
    }

    [Fact]
    public async Task SelectAsync_Previous_ReturnsItAndNewerOldestFirstAndReadsNoFurther()
    {
        var read = new List<string>();

        var selected = await VersionSelector.SelectAsync(Listing(read, "e5", "e4", "e3", "e2", "e1"), "e3", TestContext.Current.CancellationToken);

        selected.ShouldBe(["e3", "e4", "e5"]);
        read.ShouldBe(["e5", "e4", "e3"]);
    }

    [Fact]
    public async Task SelectAsync_PreviousGone_ReturnsNewestAfterReadingAll()
    {
        var read = new List<string>();

        var selected = await VersionSelector.SelectAsync(Listing(read, "e5", "e4", "e3"), "e0", TestContext.Current.CancellationToken);

        selected.ShouldBe(["e5"]);
        read.ShouldBe(["e5", "e4", "e3"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("e1")]
    public async Task SelectAsync_NoExecutions_ReturnsEmpty(string? previous)
    {
        var selected = await VersionSelector.SelectAsync(Listing([]), previous, TestContext.Current.CancellationToken);

        selected.ShouldBeEmpty();
    }

    private static async IAsyncEnumerable<string> Listing(List<string> read, params string[] arns)
    {
        foreach (var arn in arns)
        {
            await Task.Yield();
            read.Add(arn);
            yield return arn;
        }
    }
}
