using Sluice.Concourse.Configuration;
using Sluice.Concourse.Put;
using Sluice.Concourse.Tests.Support;

namespace Sluice.Concourse.Tests.Put;

public sealed class ParametersFileTests : IDisposable
{
    private readonly TempDirectory _sources = new();

    public void Dispose() => _sources.Dispose();

    [Fact]
    public async Task ReadAsync_Yaml_KeepsOrderAndScalarText()
    {
        _sources.Write("repo/params.yml", "Threshold: 0.5\nEnabled: true\nName: \"quoted: text\"\nEmpty: ''\n");

        var values = await ReadAsync("repo/params.yml");

        values.ShouldBe([new("Threshold", "0.5"), new("Enabled", "true"), new("Name", "quoted: text"), new("Empty", "")]);
    }

    [Fact]
    public async Task ReadAsync_Json_ConvertsScalars()
    {
        _sources.Write("params.json", """{"Threshold": 1e3, "Enabled": false, "Name": "n"}""");

        var values = await ReadAsync("params.json");

        values.ShouldBe([new("Threshold", "1e3"), new("Enabled", "false"), new("Name", "n")]);
    }

    [Fact]
    public async Task ReadAsync_NoExtensionJsonContent_ReadsJson()
    {
        _sources.Write("params", """{"A": "1"}""");

        (await ReadAsync("params")).ShouldBe([new("A", "1")]);
    }

    [Fact]
    public async Task ReadAsync_EmptyYaml_HasNoValues()
    {
        _sources.Write("params.yaml", "# nothing yet\n");

        (await ReadAsync("params.yaml")).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("params.yaml", "Nested:\n  A: 1\n", "line 2")]
    [InlineData("params.yaml", "- A\n- B\n", "is not a mapping")]
    [InlineData("params.yaml", "A: ~\n", "'A' must have a string, number or boolean value")]
    [InlineData("params.yaml", "A: [1\n", "is not valid YAML")]
    [InlineData("params.json", "[1, 2]", "holds a list")]
    [InlineData("params.json", "{\"A\": {\"B\": 1}}", "'A' is an object")]
    [InlineData("params.json", "{\"A\": ", "is not valid JSON")]
    public async Task ReadAsync_BadContent_FailsNamingTheFile(string name, string content, string expected)
    {
        _sources.Write(name, content);

        var error = await Should.ThrowAsync<ResourceException>(() => ReadAsync(name));

        error.Message.ShouldContain($"params.parameters_file '{name}'");
        error.Message.ShouldContain(expected);
    }

    [Fact]
    public async Task ReadAsync_Missing_ListsTheInputs()
    {
        _sources.Write("repo/x", "x");
        _sources.Write("config/y", "y");

        var error = await Should.ThrowAsync<ResourceException>(() => ReadAsync("rep/params.yaml"));

        error.Message.ShouldContain("'rep/params.yaml' does not exist");
        error.Message.ShouldContain(": config, repo");
    }

    private Task<IReadOnlyList<KeyValuePair<string, string>>> ReadAsync(string path) =>
        ParametersFile.ReadAsync(_sources.Path, path, TestContext.Current.CancellationToken);
}
