using Sluice.Concourse.Configuration;
using Sluice.Concourse.Get;

namespace Sluice.Concourse.Tests.Get;

public sealed class OutputFilesTests
{
    private const string Destination = "/tmp/build/get";

    [Fact]
    public void Resolve_Defaults_AreTheFourFiles()
    {
        OutputFiles.Resolve(new GetParams(), Destination).ShouldBe(new OutputFiles(
            "/tmp/build/get/metadata.json", "/tmp/build/get/pipeline.json", "/tmp/build/get/parameters.json", "/tmp/build/get/steps.json"));
    }

    [Fact]
    public void Resolve_NoDownload_HasNoPipelineFile()
    {
        OutputFiles.Resolve(new GetParams { DownloadPipeline = false }, Destination).Pipeline.ShouldBeNull();
    }

    [Theory]
    [InlineData("../escape.json", "params.metadata_file '../escape.json' is outside")]
    [InlineData("/etc/passwd", "params.metadata_file '/etc/passwd' is outside")]
    [InlineData(" ", "params.metadata_file is empty")]
    [InlineData("steps.json", "the same file twice")]
    public void Resolve_BadName_Fails(string name, string expected)
    {
        Should.Throw<ResourceException>(() => OutputFiles.Resolve(new GetParams { MetadataFile = name }, Destination)).Message.ShouldContain(expected);
    }
}
