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

    public static DateTimeOffset ToTime(string text) =>
        new(DateTime.SpecifyKind(DateTime.ParseExact(text, TimeFormat, CultureInfo.InvariantCulture), DateTimeKind.Utc));

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
}
