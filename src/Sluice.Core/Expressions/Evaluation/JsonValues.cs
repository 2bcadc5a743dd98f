using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Sluice.Definitions.Expressions.Evaluation;

/// <summary>Small helpers over evaluated JSON values: building them, classifying numbers, and showing them in messages.</summary>
internal static class JsonValues
{
    /// <summary>Longest rendering of a value or expression in a message before it is cut.</summary>
    public const int MaxShownLength = 200;

    private static readonly JsonWriterOptions CompactOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A JSON string value.</summary>
    public static JsonElement String(string text)
    {
        var buffer = new ArrayBufferWriter<byte>(text.Length + 2);
        using (var writer = new Utf8JsonWriter(buffer, CompactOptions))
        {
            writer.WriteStringValue(text);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// Whether a JSON number is written as a float: Python's <c>json.loads</c> reads a number with a fraction or an exponent
    /// as <c>float</c> and any other as <c>int</c>.
    /// </summary>
    public static bool IsFloat(JsonElement number) => number.GetRawText().AsSpan().IndexOfAny('.', 'e', 'E') >= 0;

    /// <summary>A JSON integer as an exact integer (Python's ints have no size limit).</summary>
    public static BigInteger Integer(JsonElement number) =>
        BigInteger.Parse(number.GetRawText(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    /// <summary>A JSON number as a double; numbers too large for a double become infinities, as in Python.</summary>
    public static double Double(JsonElement number) =>
        double.Parse(number.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>The kind of a value for messages: "a string", "a number", "a boolean", "null", "a list", "an object".</summary>
    public static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        _ => "no value",
    };

    /// <summary>A value and its kind for messages: <c>"abc" (a string)</c>, <c>5 (a number)</c>.</summary>
    public static string Show(JsonElement value) =>
        value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? Kind(value) : Compact(value) + " (" + Kind(value) + ")";

    /// <summary>A value as compact JSON text, cut to <see cref="MaxShownLength"/> characters.</summary>
    public static string Compact(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Undefined)
        {
            return "(nothing)";
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, CompactOptions))
        {
            value.WriteTo(writer);
        }

        return Cut(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>A JSON string literal for messages, e.g. <c>"Parameters.X"</c>.</summary>
    public static string Quote(string text) => "\"" + JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"";

    /// <summary>Cuts a long text for a message.</summary>
    public static string Cut(string text) =>
        text.Length <= MaxShownLength ? text : string.Concat(text.AsSpan(0, MaxShownLength - 1), "…");
}
