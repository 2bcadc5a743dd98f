using System.Text.Json;
using Sluice.Client.SageMaker;
using Sluice.Concourse.Configuration;
using Sluice.Concourse.Put;

namespace Sluice.Concourse.Tests.Put;

public sealed class ParameterValuesTests
{
    [Fact]
    public void Merge_ParamsOverrideFile_KeepingFileOrder()
    {
        var merged = ParameterValues.Merge([new("A", "1"), new("B", "2")], Map("""{"B": 20, "C": true}"""));

        merged.ShouldBe([new Parameter("A", "1"), new Parameter("B", "20"), new Parameter("C", "true")]);
    }

    [Fact]
    public void Merge_Nothing_IsEmpty()
    {
        ParameterValues.Merge(null, null).ShouldBeEmpty();
    }

    [Fact]
    public void Merge_NullValue_FailsNamingTheParameter()
    {
        Should.Throw<ResourceException>(() => ParameterValues.Merge(null, Map("""{"A": null}""")))
            .Message.ShouldContain("params.parameters.A is null");
    }

    private static Dictionary<string, JsonElement> Map(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;
}
