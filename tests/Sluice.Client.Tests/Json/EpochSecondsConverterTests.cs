using System.Text.Json;
using Sluice.Client.Json;

namespace Sluice.Client.Tests.Json;

public sealed class EpochSecondsConverterTests
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new EpochSecondsConverter() } };

    [Theory]
    [InlineData("1700000000", 1_700_000_000_000L)]
    [InlineData("1700000000.123", 1_700_000_000_123L)]
    [InlineData("1700000000.1235", 1_700_000_000_124L)]
    [InlineData("\"1700000000.5\"", 1_700_000_000_500L)]
    [InlineData("\"2023-11-14T22:13:20Z\"", 1_700_000_000_000L)]
    [InlineData("\"2023-11-14T22:13:20.250+00:00\"", 1_700_000_000_250L)]
    public void Read_WireForms_GiveTheInstant(string json, long milliseconds) =>
        JsonSerializer.Deserialize<DateTimeOffset>(json, Options).ToUnixTimeMilliseconds().ShouldBe(milliseconds);

    [Theory]
    [InlineData(1_700_000_000_000L, "1700000000")]
    [InlineData(1_700_000_000_123L, "1700000000.123")]
    public void Write_Instant_GivesEpochSeconds(long milliseconds, string json) =>
        JsonSerializer.Serialize(DateTimeOffset.FromUnixTimeMilliseconds(milliseconds), Options).ShouldBe(json);

    [Theory]
    [InlineData("true")]
    [InlineData("\"yesterday\"")]
    public void Read_NotATimestamp_Throws(string json) =>
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<DateTimeOffset>(json, Options));

    [Theory]
    [InlineData("1e300", true)]
    [InlineData("1e400", true)]
    [InlineData("253402300800", true)]
    [InlineData("-1e20", false)]
    [InlineData("-1e400", false)]
    public void Read_PastAnyDate_IsTheNearestEndOfTheRange(string json, bool future)
    {
        var time = JsonSerializer.Deserialize<DateTimeOffset>(json, Options);

        // A filter such as CreatedAfter past any date means "none after it", not a malformed request.
        time.ShouldBe(future ? DateTimeOffset.FromUnixTimeMilliseconds(253_402_300_799_999) : DateTimeOffset.FromUnixTimeMilliseconds(-62_135_596_800_000), TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public void FromElement_NumberAndText_ReadBoth()
    {
        using var document = JsonDocument.Parse("""[1700000000.5, "2023-11-14T22:13:20Z", true]""");
        var items = document.RootElement.EnumerateArray().ToArray();

        EpochSecondsConverter.FromElement(items[0])!.Value.ToUnixTimeMilliseconds().ShouldBe(1_700_000_000_500L);
        EpochSecondsConverter.FromElement(items[1])!.Value.ToUnixTimeSeconds().ShouldBe(1_700_000_000L);
        EpochSecondsConverter.FromElement(items[2]).ShouldBeNull();
    }
}
