using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sluice.Client.Json;

/// <summary>
/// AWS JSON timestamps: epoch seconds as a JSON number, possibly fractional (<c>1700000000.123</c>). Written with
/// millisecond precision, as an integer when whole. Also reads the forms botocore accepts: a numeric string or an
/// ISO 8601 string.
/// </summary>
internal sealed class EpochSecondsConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            // Beyond decimal's range is beyond any date: the nearest end of DateTimeOffset's range, as for any time past it.
            return reader.TryGetDecimal(out var seconds)
                ? FromSeconds(seconds)
                : reader.ValueSpan[0] == (byte)'-' ? DateTimeOffset.MinValue : DateTimeOffset.MaxValue;
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            var text = reader.GetString()!;
            if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                return FromSeconds(seconds);
            }

            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            {
                return time;
            }
        }

        throw new JsonException($"A timestamp must be epoch seconds or an ISO 8601 string, not {reader.TokenType}.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        var milliseconds = value.ToUnixTimeMilliseconds();
        if (milliseconds % 1000 == 0)
        {
            writer.WriteNumberValue(milliseconds / 1000);
        }
        else
        {
            writer.WriteNumberValue(milliseconds / 1000m);
        }
    }

    /// <summary>Reads a timestamp from an element, or <see langword="null"/> when it is not one.</summary>
    public static DateTimeOffset? FromElement(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Number && element.TryGetDecimal(out var seconds))
        {
            return FromSeconds(seconds);
        }

        if (element.ValueKind == JsonValueKind.String)
        {
            var text = element.GetString()!;
            if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds))
            {
                return FromSeconds(seconds);
            }

            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            {
                return time;
            }
        }

        return null;
    }

    /// <summary>
    /// A time from epoch seconds, clamped to <see cref="DateTimeOffset"/>'s range: a filter such as CreatedAfter may
    /// name a time past any date, and means every time before it (or none after it), not an error.
    /// </summary>
    private static DateTimeOffset FromSeconds(decimal seconds)
    {
        const decimal min = -62_135_596_800m; // 0001-01-01
        const decimal max = 253_402_300_799.999m; // 9999-12-31T23:59:59.999
        return DateTimeOffset.FromUnixTimeMilliseconds((long)decimal.Round(Math.Clamp(seconds, min, max) * 1000m, MidpointRounding.AwayFromZero));
    }
}
