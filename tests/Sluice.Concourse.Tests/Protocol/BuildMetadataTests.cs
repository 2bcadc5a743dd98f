using Sluice.Concourse.Protocol;

namespace Sluice.Concourse.Tests.Protocol;

public sealed class BuildMetadataTests
{
    private static readonly Dictionary<string, string> Job = new()
    {
        ["BUILD_ID"] = "12345678",
        ["BUILD_NAME"] = "42",
        ["BUILD_JOB_NAME"] = "train",
        ["BUILD_PIPELINE_NAME"] = "ml",
        ["BUILD_TEAM_NAME"] = "main",
    };

    [Fact]
    public void DefaultDescription_JobBuild_NamesBuildAndPipeline()
    {
        Metadata(Job).DefaultDescription.ShouldBe("Execution from build #12345678 of pipeline ml");
    }

    [Fact]
    public void DefaultDescription_OneOffBuild_NamesTheBuild()
    {
        Metadata(new() { ["BUILD_ID"] = "7" }).DefaultDescription.ShouldBe("Execution from one-off build #7");
    }

    [Fact]
    public void DefaultDescription_NoMetadata_StillDescribes()
    {
        Metadata([]).DefaultDescription.ShouldBe("Execution from a Concourse build");
    }

    [Fact]
    public void Expand_BareAndBracedVariables_AreReplaced()
    {
        Metadata(Job).Expand("$BUILD_PIPELINE_NAME/${BUILD_JOB_NAME}#$BUILD_NAME").ShouldBe("ml/train#42");
    }

    [Fact]
    public void Expand_UnsetMetadataVariable_BecomesEmpty()
    {
        Metadata(Job).Expand("by [$BUILD_CREATED_BY]").ShouldBe("by []");
    }

    [Fact]
    public void Expand_OtherDollars_StayAsWritten()
    {
        Metadata(Job).Expand("costs $5 and $HOME").ShouldBe("costs $5 and $HOME");
    }

    private static BuildMetadata Metadata(Dictionary<string, string> environment) => new(name => environment.GetValueOrDefault(name));
}
