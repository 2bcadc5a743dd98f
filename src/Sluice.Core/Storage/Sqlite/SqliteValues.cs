using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Sluice.Core.Storage.Sqlite;

/// <summary>Conversions between record values and the TEXT the SQLite store keeps.</summary>
internal static class SqliteValues
{
    /// <summary>Fixed width, so that text order is time order; seven digits, so that a value round-trips to the tick.</summary>
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>Non-ASCII text stays readable in the file; the JSON is only ever parsed back by this class.</summary>
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string FromTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static string? FromTime(DateTimeOffset? value) => value is { } time ? FromTime(time) : null;

    /// <summary>Reads a time the store wrote: the fixed format is read digit by digit, anything else by the parser.</summary>
    public static DateTimeOffset ToTime(string text) =>
        TryReadFixedTime(text, out var ticks)
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : new(DateTime.SpecifyKind(DateTime.ParseExact(text, TimeFormat, CultureInfo.InvariantCulture), DateTimeKind.Utc));

    /// <summary>An execution status as stored (its name).</summary>
    public static ExecutionStatus ToExecutionStatus(string text) => text switch
    {
        "Executing" => ExecutionStatus.Executing,
        "Succeeded" => ExecutionStatus.Succeeded,
        "Failed" => ExecutionStatus.Failed,
        "Stopping" => ExecutionStatus.Stopping,
        "Stopped" => ExecutionStatus.Stopped,
        _ => Enum.Parse<ExecutionStatus>(text),
    };

    public static DateTimeOffset? ToNullableTime(string? text) => text is null ? null : ToTime(text);

    public static string FromParameters(IReadOnlyList<ParameterValue> parameters)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartArray();
            foreach (var parameter in parameters)
            {
                writer.WriteStartObject();
                writer.WriteString("Name", parameter.Name);
                writer.WriteString("Value", parameter.Value);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static IReadOnlyList<ParameterValue> ToParameters(string json)
    {
        if (json == "[]")
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        var parameters = new List<ParameterValue>(document.RootElement.GetArrayLength());
        foreach (var item in document.RootElement.EnumerateArray())
        {
            parameters.Add(new ParameterValue(
                item.GetProperty("Name").GetString() ?? string.Empty,
                item.GetProperty("Value").GetString() ?? string.Empty));
        }

        return parameters;
    }

    /// <summary>Reads <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c> into UTC ticks; false for any other shape or an invalid date.</summary>
    private static bool TryReadFixedTime(string text, out long ticks)
    {
        ticks = 0;
        if (text.Length != 28 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':'
            || text[19] != '.' || text[27] != 'Z')
        {
            return false;
        }

        var span = text.AsSpan();
        if (!Digits(span[0..4], out var year) || !Digits(span[5..7], out var month) || !Digits(span[8..10], out var day)
            || !Digits(span[11..13], out var hour) || !Digits(span[14..16], out var minute) || !Digits(span[17..19], out var second)
            || !Digits(span[20..27], out var fraction)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        ticks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).Ticks + fraction;
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
