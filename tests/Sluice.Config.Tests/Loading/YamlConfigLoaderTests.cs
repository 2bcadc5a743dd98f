using Sluice.Config.Loading;

namespace Sluice.Config.Tests.Loading;

public sealed class YamlConfigLoaderTests : IDisposable
{
    private readonly string _config = Directory.CreateTempSubdirectory("sluice-config-loader-").FullName;

    public void Dispose() => Directory.Delete(_config, recursive: true);

    [Fact]
    public void Load_Environment_ReadsTheSharedConfigAndEveryOtherYamlFileInNameOrder()
    {
        Write("dev/shared_config.yaml", "project_name: p\n");
        Write("dev/b.yaml", "step_name: B\n");
        Write("dev/a.yml", "step_name: A\n");
        Write("dev/notes.txt", "not a step\n");
        Write("prod/shared_config.yaml", "project_name: p\n");

        var set = new YamlConfigLoader(_config).Load("dev");

        set.Environment.ShouldBe("dev");
        set.Shared.Path.ShouldBe(Path.Combine(_config, "dev", "shared_config.yaml"));
        set.Steps.Select(s => s.Name).ShouldBe(["a.yml", "b.yaml"]);
        new YamlConfigLoader(_config).FindEnvironments().ShouldBe(["dev", "prod"]);
    }

    [Theory]
    [InlineData("stage", "unknown environment 'stage'; environments: dev")]
    [InlineData("../dev", "unknown environment '../dev'; environments: dev")]
    [InlineData("Dev", "unknown environment 'Dev' (did you mean 'dev'?); environments: dev")]
    public void Load_UnknownEnvironment_NamesTheEnvironments(string environment, string problem)
    {
        Write("dev/shared_config.yaml", "project_name: p\n");
        Write("dev/a.yaml", "step_name: A\n");

        var error = Should.Throw<PipelineConfigException>(() => new YamlConfigLoader(_config).Load(environment));

        error.Message.ShouldBe($"{_config}: {problem}");
    }

    [Fact]
    public void Load_FolderWithoutSharedConfig_IsNoEnvironment()
    {
        Write("dev/a.yaml", "step_name: A\n");

        var error = Should.Throw<PipelineConfigException>(() => new YamlConfigLoader(_config).Load("dev"));

        error.Problem.ShouldBe("unknown environment 'dev'; environments: none (an environment is a folder with a shared_config.yaml)");
    }

    [Fact]
    public void Load_MissingDirectory_SaysSo()
    {
        var missing = Path.Combine(_config, "nowhere");

        var error = Should.Throw<PipelineConfigException>(() => new YamlConfigLoader(missing).Load("dev"));

        error.Message.ShouldBe($"{missing}: no such configuration directory");
    }

    [Theory]
    [InlineData("", "the file is empty; it needs a mapping of keys to values", null)]
    [InlineData("- a\n- b\n", "the top level must be a mapping of keys to values", 1)]
    [InlineData("a: 1\n---\nb: 2\n", "the file holds 2 YAML documents; a configuration file holds one", 3)]
    [InlineData("a: 1\na: 2\n", "not valid YAML", 2)]
    public void Load_FileThatIsNotOneMapping_FailsWithItsLine(string text, string problem, int? line)
    {
        Write("dev/shared_config.yaml", "project_name: p\n");
        Write("dev/a.yaml", text);

        var error = Should.Throw<PipelineConfigException>(() => new YamlConfigLoader(_config).Load("dev"));

        error.File.ShouldBe(Path.Combine(_config, "dev", "a.yaml"));
        error.Line.ShouldBe(line);
        error.Problem.ShouldStartWith(problem);
    }

    [Fact]
    public void Load_NoStepFiles_SaysSo()
    {
        Write("dev/shared_config.yaml", "project_name: p\n");

        var error = Should.Throw<PipelineConfigException>(() => new YamlConfigLoader(_config).Load("dev"));

        error.Problem.ShouldStartWith("no step files");
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_config, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
