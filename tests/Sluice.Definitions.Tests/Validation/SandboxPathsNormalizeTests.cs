using Sluice.Definitions.Validation;

namespace Sluice.Definitions.Tests.Validation;

public sealed class SandboxPathsNormalizeTests
{
    [Theory]
    [InlineData("/opt/ml/processing/input/code", "/opt/ml/processing/input/code")]
    [InlineData("/opt/ml/processing/input/", "/opt/ml/processing/input")]
    public void Normalize_PathUnderTheRoot_IsItsNormalForm(string path, string normal)
    {
        SandboxPaths.Normalize(path, SandboxPaths.ProcessingRoot, allowRoot: false, out var problem).ShouldBe(normal);
        problem.ShouldBeNull();
    }

    [Theory]
    [InlineData("/", "has an empty segment ('//')")]
    [InlineData("/opt/ml/processingx/input", "is not under /opt/ml/processing/")]
    [InlineData("/opt/ml/processing/", "is /opt/ml/processing itself; give a folder under it")]
    [InlineData("/opt/ml/processing/a/../..", "has a '..' segment, which could lead outside /opt/ml/processing/")]
    [InlineData("/opt/ml/./processing/a", "has a '.' segment")]
    [InlineData("/opt", "is not under /opt/ml/processing/")]
    public void Normalize_PathNotPlainlyUnderTheRoot_SaysWhy(string path, string expected)
    {
        SandboxPaths.Normalize(path, SandboxPaths.ProcessingRoot, allowRoot: false, out var problem).ShouldBeNull();
        problem.ShouldBe(expected);
    }

    [Fact]
    public void Normalize_CleanPath_AllocatesNothing()
    {
        const string path = "/opt/ml/processing/input/code/more/segments/here";
        SandboxPaths.Normalize(path, SandboxPaths.ProcessingRoot, allowRoot: false, out _).ShouldBe(path);

        var least = long.MaxValue;
        for (var round = 0; round < 5; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            SandboxPaths.Normalize(path, SandboxPaths.ProcessingRoot, allowRoot: false, out _);
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        least.ShouldBe(0, "a clean LocalPath is checked as spans, not split into strings");
    }
}
