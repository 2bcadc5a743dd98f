using System.Text.Json;
using Sluice.Concourse.Configuration;

namespace Sluice.Concourse.Tests.Configuration;

public sealed class DurationTests
{
    [Theory]
    [InlineData("90s", 90)]
    [InlineData("30m", 1800)]
    [InlineData("1h30m", 5400)]
    [InlineData("500ms", 0.5)]
    [InlineData("1.5h", 5400)]
    [InlineData("45", 45)]
    public void Parse_Text_ReadsSeconds(string text, double seconds)
    {
        Duration.Parse(text, "params.wait_timeout").ShouldBe(TimeSpan.FromSeconds(seconds));
    }

    [Fact]
    public void Parse_Number_IsSeconds()
    {
        Duration.Parse(JsonDocument.Parse("120").RootElement, "params.wait_timeout").ShouldBe(TimeSpan.FromMinutes(2));
    }

    [Theory]
    [InlineData("\"soon\"")]
    [InlineData("\"0s\"")]
    [InlineData("-5")]
    [InlineData("\"5 minutes\"")]
    [InlineData("true")]
    public void Parse_Invalid_FailsNamingTheKey(string json)
    {
        var error = Should.Throw<ResourceException>(() => Duration.Parse(JsonDocument.Parse(json).RootElement, "params.wait_timeout"));

        error.Message.ShouldStartWith("params.wait_timeout");
        error.Message.ShouldContain("is not a duration");
    }

    [Theory]
    [InlineData(4.25, "4.3s")]
    [InlineData(42, "42s")]
    [InlineData(125, "2m 5s")]
    [InlineData(3725, "1h 2m 5s")]
    public void Format_Duration_IsBrief(double seconds, string expected)
    {
        Duration.Format(TimeSpan.FromSeconds(seconds)).ShouldBe(expected);
    }
}
