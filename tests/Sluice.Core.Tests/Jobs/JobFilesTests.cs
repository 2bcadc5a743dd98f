using Sluice.Core.Jobs;

namespace Sluice.Core.Tests.Jobs;

/// <summary>What a job leaves is read on the host as regular files only: no link is followed, no FIFO opened.</summary>
public sealed class JobFilesTests : IDisposable
{
    private readonly string _job = Directory.CreateTempSubdirectory("sluice-jobfiles-").FullName;

    public void Dispose() => Directory.Delete(_job, recursive: true);

    [Fact]
    public void RegularFiles_FilesAndFolders_ListsEveryFileInOrder()
    {
        Write("b.txt", "b");
        Write("a/c.txt", "c");
        Write("a/d/e.txt", "e");

        JobFiles.RegularFiles(_job).Select(f => Path.GetRelativePath(_job, f)).ShouldBe(["a/c.txt", "a/d/e.txt", "b.txt"]);
    }

    [Fact]
    public void RegularFiles_LinkToAHostFile_IsRefusedNamingIt()
    {
        Write("out/ok.txt", "ok");
        File.CreateSymbolicLink(Path.Combine(_job, "out", "store.db"), "/etc/passwd");

        var error = Should.Throw<UnsafeJobFileException>(() => JobFiles.RegularFiles(Path.Combine(_job, "out")));

        error.Message.ShouldContain("'store.db' in the job's folder is a symbolic link (to '/etc/passwd')");
    }

    [Fact]
    public void RegularFiles_LinkToAFolder_IsRefused()
    {
        Directory.CreateSymbolicLink(Path.Combine(_job, "etc"), "/etc");

        Should.Throw<UnsafeJobFileException>(() => JobFiles.RegularFiles(_job));
    }

    [Fact]
    public void RegularFiles_FolderItselfIsALink_IsRefused()
    {
        var link = Path.Combine(_job, "output");
        Directory.CreateSymbolicLink(link, "/etc");

        Should.Throw<UnsafeJobFileException>(() => JobFiles.RegularFiles(link));
    }

    [Fact]
    public void RegularFiles_Fifo_IsRefusedWithoutBlocking()
    {
        MakeFifo(Path.Combine(_job, "pipe"));

        Should.Throw<UnsafeJobFileException>(() => JobFiles.RegularFiles(_job)).Message.ShouldContain("not a regular file or folder");
    }

    [Fact]
    public void ReadSmallText_RegularFile_ReadsAtMostTheLimit()
    {
        Write("output/failure", new string('x', 5000));

        JobFiles.ReadSmallText(_job, "output/failure", 100).ShouldBe(new string('x', 100));
        JobFiles.ReadSmallText(_job, "output/missing", 100).ShouldBeNull();
    }

    [Theory]
    [InlineData("output/failure")]
    [InlineData("output")]
    public void ReadSmallText_LinkOnTheWay_IsRefused(string linked)
    {
        Directory.CreateDirectory(Path.Combine(_job, Path.GetDirectoryName(linked) ?? string.Empty));
        File.CreateSymbolicLink(Path.Combine(_job, linked), linked == "output" ? "/etc" : "/etc/passwd");

        Should.Throw<UnsafeJobFileException>(() => JobFiles.ReadSmallText(_job, "output/failure", 100));
    }

    [Fact]
    public void ReadSmallText_Fifo_IsRefusedWithoutBlocking()
    {
        Directory.CreateDirectory(Path.Combine(_job, "output"));
        MakeFifo(Path.Combine(_job, "output", "failure"));

        Should.Throw<UnsafeJobFileException>(() => JobFiles.ReadSmallText(_job, "output/failure", 100));
    }

    [Fact]
    public void SizeOf_LinksAndFiles_CountsFilesNotWhatLinksPointAt()
    {
        Write("a", new string('x', 1000));
        File.CreateSymbolicLink(Path.Combine(_job, "big"), "/usr/bin/python3");

        JobFiles.SizeOf(_job).ShouldBeLessThan(2000);
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_job, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static void MakeFifo(string path)
    {
        using var process = System.Diagnostics.Process.Start("mkfifo", [path]);
        process.WaitForExit();
        process.ExitCode.ShouldBe(0);
    }
}
