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
            return reader.TryGetDecimal(out var seconds)
                ? FromSeconds(seconds)
                : throw new JsonException("A timestamp is out of range.");
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

    private static DateTimeOffset FromSeconds(decimal seconds)
    {
        try
        {
            return DateTimeOffset.FromUnixTimeMilliseconds((long)decimal.Round(seconds * 1000m, MidpointRounding.AwayFromZero));
        }
        catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException)
        {
            throw new JsonException($"The timestamp {seconds} is out of range.", e);
        }
    }
}
