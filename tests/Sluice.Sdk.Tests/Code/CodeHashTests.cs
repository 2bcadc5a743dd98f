using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Sluice.Sdk.Code;
using Sluice.Sdk.Tests.Support;

namespace Sluice.Sdk.Tests.Code;

public sealed class CodeHashTests
{
    [Fact]
    public void Of_File_HashesThePathThenTheBytes()
    {
        using var folder = new TemporaryFolder();
        var file = folder.Write("train.py", "print(1)\n");

        CodeHash.Of([file]).ShouldBe(PythonHash(file));
    }

    [Fact]
    public void Of_Folder_HashesEntryNamesAndContentsInNameOrder()
    {
        using var folder = new TemporaryFolder();
        folder.Write("src/train.py", "print(1)\n");
        folder.Write("src/lib/util.py", "X = 2\n");
        folder.Write("src/B.txt", "b");
        var source = System.IO.Path.Combine(folder.Path, "src");
        var expected = Sha256(
            Encoding.UTF8.GetBytes(source),
            "B.txt"u8.ToArray(), "b"u8.ToArray(),
            "lib"u8.ToArray(), "util.py"u8.ToArray(), "X = 2\n"u8.ToArray(),
            "train.py"u8.ToArray(), "print(1)\n"u8.ToArray());

        CodeHash.Of([source]).ShouldBe(expected);
    }

    [Fact]
    public void Of_ChangedContent_ChangesTheHash()
    {
        using var folder = new TemporaryFolder();
        var file = folder.Write("train.py", "print(1)\n");
        var before = CodeHash.Of([file]);

        File.WriteAllText(file, "print(2)\n");

        CodeHash.Of([file]).ShouldNotBe(before);
    }

    [Fact]
    public async Task Of_Folder_EqualsWhatPythonComputesForTheSdkAlgorithm()
    {
        var python = Environment.GetEnvironmentVariable("PATH")?.Split(':').Select(p => System.IO.Path.Combine(p, "python3")).FirstOrDefault(File.Exists);
        Assert.SkipWhen(python is null, "python3 is not installed");
        using var folder = new TemporaryFolder();
        folder.Write("src/train.py", "print(1)\n");
        folder.Write("src/data/z.csv", "1,2\n");
        folder.Write("src/a.py", "pass\n");
        var source = System.IO.Path.Combine(folder.Path, "src");

        // hash_files_or_dirs of sagemaker.workflow.utilities, restated: sorted paths; each path's text, then a file's
        // bytes or a folder's entries (name, then contents) in sorted order.
        const string script = """
            import hashlib, sys
            from pathlib import Path
            def walk(path, sha):
                for entry in sorted(Path(path).iterdir()):
                    sha.update(entry.name.encode())
                    if entry.is_file():
                        sha.update(entry.read_bytes())
                    elif entry.is_dir():
                        walk(entry, sha)
            sha = hashlib.sha256()
            for p in sorted(sys.argv[1:]):
                sha.update(p.encode())
                if Path(p).is_dir():
                    walk(p, sha)
                elif Path(p).is_file():
                    sha.update(Path(p).read_bytes())
            print(sha.hexdigest())
            """;
        var start = new ProcessStartInfo(python!) { RedirectStandardOutput = true, RedirectStandardInput = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(source);
        using var process = Process.Start(start)!;
        var output = (await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken)).Trim();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        CodeHash.Of([source]).ShouldBe(output);
    }

    /// <summary>The SDK's hash of one file: SHA-256 of the path's text followed by the file's bytes.</summary>
    internal static string PythonHash(string file) => Sha256(Encoding.UTF8.GetBytes(file), File.ReadAllBytes(file));

    private static string Sha256(params byte[][] parts) => Convert.ToHexStringLower(SHA256.HashData([.. parts.SelectMany(p => p)]));
}
