using FsCheck;
using FsCheck.Fluent;
using Sluice.Core.Jobs;
using Sluice.Definitions.Validation;

namespace Sluice.Core.Tests.Jobs;

public sealed class SandboxPathsTests : IDisposable
{
    private readonly string _job = Directory.CreateTempSubdirectory("sluice-sandbox-paths-").FullName;

    [Theory]
    [InlineData("/opt/ml/processing/input", "/opt/ml/processing/input")]
    [InlineData("/opt/ml/processing/input/code/", "/opt/ml/processing/input/code")]
    [InlineData("/opt/ml/processing/a..b/.c", "/opt/ml/processing/a..b/.c")]
    public void Normalize_PathUnderTheRoot_DropsOneTrailingSlash(string path, string expected)
    {
        SandboxPaths.Normalize(path, SandboxPaths.ProcessingRoot, allowRoot: false, out var problem).ShouldBe(expected);
        problem.ShouldBeNull();
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("opt/ml/processing/x", "is relative")]
    [InlineData("/opt/ml/processing//x", "empty segment")]
    [InlineData("/opt/ml//processing/x", "empty segment")]
    [InlineData("/opt/ml/processing/x//", "empty segment")]
    [InlineData("/opt/ml/processing/./x", "'.' segment")]
    [InlineData("/opt/ml/processing/x/..", "'..' segment")]
    [InlineData("/opt/ml/processing/../../../etc", "'..' segment")]
    [InlineData("/opt/ml/processing/x\u0000y", "control character")]
    [InlineData("/opt/ml/processing/x\ny", "control character")]
    [InlineData("/opt/ml/processing/x\u0085", "control character")]
    [InlineData("/opt/ml/processing", "is /opt/ml/processing itself")]
    [InlineData("/opt/ml/processing/", "is /opt/ml/processing itself")]
    [InlineData("/opt/ml/processingx/y", "is not under /opt/ml/processing/")]
    [InlineData("/opt/ml/model", "is not under /opt/ml/processing/")]
    [InlineData("/", "empty segment")]
    public void Normalize_HostilePath_IsRefusedWithTheReason(string path, string reason)
    {
        SandboxPaths.Normalize(path, SandboxPaths.ProcessingRoot, allowRoot: false, out var problem).ShouldBeNull();
        problem.ShouldNotBeNull().ShouldContain(reason);
    }

    [Fact]
    public void Resolve_PathUnderTheRoot_IsBelowTheJobFolder()
    {
        SandboxPaths.Resolve(_job, "/opt/ml/processing/input/data/", SandboxPaths.ProcessingRoot)
            .ShouldBe(Path.Combine(_job, "processing", "input", "data"));
    }

    [Fact]
    public void Resolve_DoubleSlashThatOnceEscaped_IsRefused()
    {
        // Joining the job folder with "/tmp/x" (what followed "/opt/ml/") gave the host's /tmp/x.
        Should.Throw<ArgumentException>(() => SandboxPaths.Resolve(_job, "/opt/ml//tmp/x", SandboxPaths.MlRoot))
            .Message.ShouldBe("LocalPath '/opt/ml//tmp/x' is refused: it has an empty segment ('//')");
    }

    [Fact]
    public void Resolve_FolderOnTheWayIsASymbolicLink_IsRefused()
    {
        Directory.CreateDirectory(Path.Combine(_job, "processing"));
        Directory.CreateSymbolicLink(Path.Combine(_job, "processing", "out"), Path.GetTempPath());

        Should.Throw<ArgumentException>(() => SandboxPaths.Resolve(_job, "/opt/ml/processing/out/x", SandboxPaths.ProcessingRoot))
            .Message.ShouldContain("is a symbolic link");
    }

    [Fact]
    public void Resolve_AnyString_IsRefusedOrStrictlyBelowTheJobFolder()
    {
        var job = Path.GetFullPath(_job) + Path.DirectorySeparatorChar;
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), Prop.ForAll(SandboxLikeStrings().ToArbitrary(), path =>
        {
            string resolved;
            try
            {
                resolved = SandboxPaths.Resolve(_job, path, SandboxPaths.ProcessingRoot);
            }
            catch (ArgumentException)
            {
                return true;
            }

            return Path.GetFullPath(resolved).StartsWith(job, StringComparison.Ordinal)
                && Path.GetFullPath(resolved).StartsWith(job + "processing" + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        }));
    }

    public void Dispose() => Directory.Delete(_job, recursive: true);

    /// <summary>Strings built from the pieces that make paths dangerous, and arbitrary strings.</summary>
    private static Gen<string> SandboxLikeStrings()
    {
        var pieces = Gen.Elements("/", "//", ".", "..", "/opt/ml", "/opt/ml/", "/opt/ml/processing", "/opt/ml/processing/", "x", "a b", "\0", "\n", "~", "\\", "%2e", "\u2215", "\uFFFD", "../");
        var built = Gen.ListOf(pieces).Select(parts => string.Concat(parts));
        return Gen.OneOf(built, ArbMap.Default.GeneratorFor<string>().Where(s => s is not null));
    }
}
