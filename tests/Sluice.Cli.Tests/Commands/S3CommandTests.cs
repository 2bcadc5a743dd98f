using Sluice.Cli.Tests.Support;

namespace Sluice.Cli.Tests.Commands;

public sealed class S3CommandTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("sluice-s3-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private string Data => Path.Combine(_work, "data");

    [Fact]
    public async Task Cp_FileToBucketWithoutKey_KeepsTheFileNameAndTheBucketStaysUsable()
    {
        var first = Local("train.csv", "a,b\n");
        var second = Local("test.csv", "c,d\n");

        var copied = await CliRunner.RunAsync(["s3", "cp", first, "s3://bucket", "--data", Data]);
        var again = await CliRunner.RunAsync(["s3", "cp", second, "s3://bucket/more/", "--data", Data]);
        var listed = await CliRunner.RunAsync(["s3", "ls", "s3://bucket", "--data", Data]);

        copied.ExitCode.ShouldBe(0, copied.Error);
        again.ExitCode.ShouldBe(0, again.Error);
        listed.Out.ShouldContain("s3://bucket/train.csv");
        listed.Out.ShouldContain("s3://bucket/more/test.csv");
    }

    [Fact]
    public async Task Cp_ConfigWithBadDurability_IsRefusedNamingTheKeyAndWritesNothing()
    {
        var config = Local("sluice.yaml", "store:\n  durability: sometimes\n");

        var result = await CliRunner.RunAsync(["s3", "cp", Local("x.csv", "1"), "s3://bucket/", "--data", Data, "--config", config]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("store.durability");
        result.Error.ShouldContain("'sometimes' is not a durability");
        Directory.Exists(Path.Combine(Data, "objects")).ShouldBeFalse();
    }

    [Fact]
    public async Task Cp_ConfigWithNormalDurability_CopiesTheFile()
    {
        var config = Local("sluice.yaml", "store:\n  durability: normal\n");

        var result = await CliRunner.RunAsync(["s3", "cp", Local("x.csv", "1"), "s3://bucket/", "--data", Data, "--config", config]);

        result.ExitCode.ShouldBe(0, result.Error);
        File.ReadAllText(Path.Combine(Data, "objects", "bucket", "x.csv")).ShouldBe("1");
    }

    [Fact]
    public async Task Cp_FileToS3WithoutBucket_IsRefusedAndWritesNothing()
    {
        var file = Local("train.csv", "a,b\n");

        var result = await CliRunner.RunAsync(["s3", "cp", file, "s3://", "--data", Data]);

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldBe("sluice: 's3://' names no bucket; give s3://BUCKET/KEY\n");
        Directory.Exists(Path.Combine(Data, "objects")).ShouldBeFalse();
    }

    [Fact]
    public async Task Ls_NoSuchBucket_SaysSoAndExitsOne()
    {
        await CliRunner.RunAsync(["s3", "cp", Local("x.csv", "1"), "s3://real/", "--data", Data]);

        var result = await CliRunner.RunAsync(["s3", "ls", "s3://nosuch/", "--data", Data]);

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldStartWith("sluice: s3://nosuch: no such bucket");
    }

    [Fact]
    public async Task Ls_PrefixMatchingNothing_ExitsOneAsTheAwsCliDoes()
    {
        await CliRunner.RunAsync(["s3", "cp", Local("x.csv", "1"), "s3://real/", "--data", Data]);

        var result = await CliRunner.RunAsync(["s3", "ls", "s3://real/nothing/", "--data", Data]);

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldBe("sluice: no objects under s3://real/nothing/\n");
    }

    [Fact]
    public async Task Ls_S3Root_ListsTheBuckets()
    {
        await CliRunner.RunAsync(["s3", "cp", Local("x.csv", "1"), "s3://one/", "--data", Data]);
        await CliRunner.RunAsync(["s3", "cp", Local("x.csv", "1"), "s3://two/", "--data", Data]);

        var result = await CliRunner.RunAsync(["s3", "ls", "s3://", "--data", Data]);

        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldBe("         PRE  s3://one/\n         PRE  s3://two/\n");
    }

    [Fact]
    public async Task Ls_NotAnS3Uri_NamesNoDotNetParameter()
    {
        var result = await CliRunner.RunAsync(["s3", "ls", "bucket/key", "--data", Data]);

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldBe("sluice: 'bucket/key' is not an s3:// URI\n");
    }

    private string Local(string name, string content)
    {
        var path = Path.Combine(_work, name);
        File.WriteAllText(path, content);
        return path;
    }
}
