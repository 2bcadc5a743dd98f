using Sluice.Definitions;

namespace Sluice.Definitions.Tests;

public sealed class Iso8601DurationTests
{
    [Theory]
    [InlineData("PT1H", 3600)]
    [InlineData("P30D", 30 * 86400)]
    [InlineData("p30d", 30 * 86400)]
    [InlineData("P4DT12H", (4 * 86400) + (12 * 3600))]
    [InlineData("T12H", 12 * 3600)]
    [InlineData("PT1M30S", 90)]
    [InlineData("PT0.5S", 0.5)]
    [InlineData("P1W", 7 * 86400)]
    [InlineData("P1Y", 365 * 86400)]
    [InlineData("P1M", 30 * 86400)]
    public void TryParse_Duration_ReturnsItsLength(string text, double seconds)
    {
        Iso8601Duration.TryParse(text, out var duration).ShouldBeTrue();
        duration.TotalSeconds.ShouldBe(seconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P1DT")]
    [InlineData("1H")]
    [InlineData("1 hour")]
    [InlineData("PT1H30")]
    [InlineData("P-1D")]
    public void TryParse_NotADuration_ReturnsFalse(string text) =>
        Iso8601Duration.TryParse(text, out _).ShouldBeFalse();
}
