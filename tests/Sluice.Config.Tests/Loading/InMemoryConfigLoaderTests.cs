using Sluice.Config.Loading;
using Sluice.Config.Tests.Support;

namespace Sluice.Config.Tests.Loading;

public sealed class InMemoryConfigLoaderTests
{
    [Fact]
    public void Build_InMemoryConfiguration_BuildsLikeFiles()
    {
        var loader = new InMemoryConfigLoader()
            .Add("test", "shared_config.yaml", Configs.Shared)
            .Add("test", "stop.yaml", "step_name: Stop\nstep_factory_class: FailStepFactory\nerror_message: stop\n");

        var built = new PipelineBuilder(loader).Build("test");

        built.Pipeline.Name.ShouldBe("test");
        built.Shared.Environment.ShouldBe("test");
        Configs.Step(built, "Stop")["Arguments"].ShouldBeJson("{`ErrorMessage`:`stop`}");
    }

    [Fact]
    public void Load_UnknownEnvironment_NamesTheEnvironments()
    {
        var loader = new InMemoryConfigLoader().Add("dev", "shared_config.yaml", Configs.Shared).Add("dev", "a.yaml", "step_name: A\n");

        var error = Should.Throw<PipelineConfigException>(() => loader.Load("prod"));

        error.Message.ShouldBe("(in memory): unknown environment 'prod'; environments: dev");
    }
}
