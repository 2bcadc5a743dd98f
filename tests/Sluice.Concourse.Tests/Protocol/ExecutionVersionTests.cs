using System.Text.Json;
using Sluice.Concourse.Configuration;
using Sluice.Concourse.Protocol;

namespace Sluice.Concourse.Tests.Protocol;

public sealed class ExecutionVersionTests
{
    [Fact]
    public void From_ExecutionArn_ReadsIt()
    {
        ExecutionVersion.From(Parse("""{"execution_arn": "arn:aws:sagemaker:us-east-1:1:pipeline/p/execution/e"}"""))
            .ShouldBe(new ExecutionVersion("arn:aws:sagemaker:us-east-1:1:pipeline/p/execution/e"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("null")]
    [InlineData("{}")]
    public void From_NoVersion_IsNull(string? json)
    {
        ExecutionVersion.From(json is null ? null : Parse(json)).ShouldBeNull();
    }

    [Theory]
    [InlineData("""{"ref": "abc"}""")]
    [InlineData("""{"execution_arn": 5}""")]
    [InlineData("\"arn\"")]
    public void From_OtherShape_FailsSayingWhatAVersionIs(string json)
    {
        Should.Throw<ResourceException>(() => ExecutionVersion.From(Parse(json))).Message.ShouldContain("has no execution_arn");
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
