using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json.Nodes;
using Sluice.Core.Storage;
using Sluice.Sdk.Code;
using Sluice.Sdk.Local;
using Sluice.Sdk.Steps;
using Sluice.Sdk.Tests.Support;
using Sluice.Sdk.Training;

namespace Sluice.Sdk.Tests.Code;

public sealed class ObjectStoreCodeUploaderTests
{
    [Fact]
    public async Task UploadCodeAsync_ScriptModeSourceFolder_PacksItUnderTheContentHashPath()
    {
        using var folder = new TemporaryFolder();
        folder.Write("src/train.py", "print('train')\n");
        folder.Write("src/helpers/io.py", "X = 1\n");
        var source = System.IO.Path.Combine(folder.Path, "src");
        var train = new TrainingStep("Train", new Estimator
        {
            ImageUri = Fixture.SklearnImage,
            Role = Fixture.Role,
            InstanceType = "ml.m5.large",
            OutputPath = "s3://models-bucket/churn/models",
            EntryPoint = "train.py",
            SourceDir = source,
        });
        var pipeline = new Pipeline("ScriptMode") { Steps = { train }, Session = Fixture.Session };
        var data = System.IO.Path.Combine(folder.Path, "data");

        var uploaded = await pipeline.UploadCodeAsync(new ObjectStoreCodeUploader(data), TestContext.Current.CancellationToken);

        var expected = $"s3://models-bucket/ScriptMode/code/{CodeHash.Of([source])}/sourcedir.tar.gz";
        uploaded.ShouldBe([expected]);
        var hyperParameters = JsonNode.Parse(pipeline.ToDefinitionJson())!["Steps"]![0]!["Arguments"]!["HyperParameters"]!;
        hyperParameters["sagemaker_submit_directory"]!.GetValue<string>().ShouldBe($"\"{expected}\"");
        hyperParameters["sagemaker_program"]!.GetValue<string>().ShouldBe("\"train.py\"");
        hyperParameters["sagemaker_region"]!.GetValue<string>().ShouldBe("\"us-west-2\"");
        var archive = System.IO.Path.Combine(data, "objects", "models-bucket", "ScriptMode", "code", CodeHash.Of([source]), "sourcedir.tar.gz");
        using var reader = new TarReader(new GZipStream(File.OpenRead(archive), CompressionMode.Decompress));
        var names = new List<string>();
        while (reader.GetNextEntry() is { } entry)
        {
            names.Add(entry.Name);
        }

        names.ShouldBe(["helpers/io.py", "train.py"]);
    }

    [Fact]
    public void ToDefinitionJson_EntryPointMissingFromSourceFolder_Throws()
    {
        using var folder = new TemporaryFolder();
        folder.Write("src/other.py", "pass\n");
        var train = new TrainingStep("Train", new Estimator
        {
            ImageUri = Fixture.SklearnImage,
            Role = Fixture.Role,
            InstanceType = "ml.m5.large",
            OutputPath = "s3://b/models",
            EntryPoint = "train.py",
            SourceDir = System.IO.Path.Combine(folder.Path, "src"),
        });

        Should.Throw<FileNotFoundException>(new Pipeline("P") { Steps = { train } }.ToDefinitionJson).Message.ShouldContain("train.py");
    }

    [Theory]
    [InlineData(StoreDurability.Full)]
    [InlineData(StoreDurability.Normal)]
    public async Task UploadAsync_DataDirectoryWithDurability_WritesTheObjectWithThatDurability(StoreDurability durability)
    {
        using var folder = new TemporaryFolder();
        var data = System.IO.Path.Combine(folder.Path, "data");

        await new ObjectStoreCodeUploader(data, durability).UploadAsync("s3://code-bucket/p/code.py", new MemoryStream("print(1)\n"u8.ToArray()), TestContext.Current.CancellationToken);

        (await File.ReadAllTextAsync(System.IO.Path.Combine(data, "objects", "code-bucket", "p", "code.py"), TestContext.Current.CancellationToken)).ShouldBe("print(1)\n");
        Directory.EnumerateFiles(System.IO.Path.Combine(data, "objects", ".sluice", "tmp")).ShouldBeEmpty();
    }
}
