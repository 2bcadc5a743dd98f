using Sluice.Config.Tests.Support;

namespace Sluice.Config.Tests.Factories.Processing;

public sealed class FrameworkProcessingStepFactoryTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("sluice-config-framework-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void CreateStep_S3SourceDir_IsTheCodeInputAndTheEntryPointRunsFromIt()
    {
        var built = Configs.Build(("features.yaml", """
            step_name: Features
            step_factory_class: FrameworkProcessingStepFactory
            source_dir: s3://test-bucket/code/features
            entry_point: features.py
            arguments: [--k, "5"]
            outputs: [{output_name: features, source: /opt/ml/processing/features, destination: s3://test-bucket/features}]
            """));

        var arguments = Configs.Step(built, "Features")["Arguments"]!;
        arguments["AppSpecification"].ShouldBeJson("{`ImageUri`:`image:1`,`ContainerArguments`:[`--k`,`5`],`ContainerEntrypoint`:[`python3`,`/opt/ml/processing/input/code/features.py`]}");
        arguments["ProcessingInputs"].ShouldBeJson("[{`InputName`:`code`,`AppManaged`:false,`S3Input`:{`S3Uri`:`s3://test-bucket/code/features`,`LocalPath`:`/opt/ml/processing/input/code`," +
            "`S3DataType`:`S3Prefix`,`S3InputMode`:`File`,`S3DataDistributionType`:`FullyReplicated`,`S3CompressionType`:`None`}}]");
    }

    [Fact]
    public async Task CreateStep_LocalSourceDir_IsUploadedUnderTheStepsInputs()
    {
        var source = Directory.CreateDirectory(Path.Combine(_work, "features")).FullName;
        File.WriteAllText(Path.Combine(source, "features.py"), "import helpers\n");
        File.WriteAllText(Path.Combine(source, "helpers.py"), "K = 5\n");

        var built = Configs.Build(("features.yaml", $"""
            step_name: Features
            step_factory_class: FrameworkProcessingStepFactory
            source_dir: {source}
            entry_point: features.py
            command: [python3, -u]
            """));

        var uploaded = new List<string>();
        await built.Pipeline.UploadCodeAsync(new Recorder(uploaded), TestContext.Current.CancellationToken);
        uploaded.ShouldBe(["s3://test-bucket/test/Features/input/code/features.py", "s3://test-bucket/test/Features/input/code/helpers.py"]);
        Configs.Step(built, "Features")["Arguments"]!["AppSpecification"]!["ContainerEntrypoint"].ShouldBeJson("[`python3`,`-u`,`/opt/ml/processing/input/code/features.py`]");
    }

    [Fact]
    public void ReadConfig_EntryPointNotInTheSourceFolder_FailsAtEntryPoint()
    {
        var source = Directory.CreateDirectory(Path.Combine(_work, "empty")).FullName;

        var error = Configs.Fails(("features.yaml", $"""
            step_name: Features
            step_factory_class: FrameworkProcessingStepFactory
            source_dir: {source}
            entry_point: features.py
            """));

        error.Message.ShouldBe($"dev/features.yaml:4: entry_point: 'features.py' is not in the source folder '{source}'");
    }

    [Fact]
    public void ReadConfig_CodeKey_IsUnknownHere()
    {
        var error = Configs.Fails(("features.yaml", """
            step_name: Features
            step_factory_class: FrameworkProcessingStepFactory
            source_dir: s3://b/code
            entry_point: features.py
            code: s3://b/code/features.py
            """));

        error.Key.ShouldBe("code");
        error.Problem.ShouldStartWith("unknown key; known keys here:");
    }

    private sealed class Recorder(List<string> uris) : Sdk.Code.ICodeUploader
    {
        public Task UploadAsync(string s3Uri, Stream content, CancellationToken cancellationToken)
        {
            uris.Add(s3Uri);
            return Task.CompletedTask;
        }
    }
}
