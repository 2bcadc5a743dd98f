using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sluice.Definitions;

/// <summary>How <see cref="DefinitionWriter"/> lays out JSON.</summary>
public enum DefinitionFormat
{
    /// <summary>One line, as the SageMaker Python SDK's <c>Pipeline.definition()</c> writes it (<c>json.dumps</c>: <c>", "</c> and <c>": "</c>, non-ASCII escaped).</summary>
    Sdk,

    /// <summary>Two-space indentation, one member per line, for reading and diffing.</summary>
    Indented,
}

/// <summary>
/// Writes definitions deterministically: members in their order, numbers as written, strings escaped as Python's
/// <c>json.dumps</c> escapes them. Reading SDK output and writing it in <see cref="DefinitionFormat.Sdk"/> gives back
/// the same bytes.
/// </summary>
public static class DefinitionWriter
{
    /// <summary>Writes a definition's document.</summary>
    /// <param name="definition">The definition.</param>
    /// <param name="format">The layout.</param>
    /// <returns>The JSON text.</returns>
    public static string Write(PipelineDefinition definition, DefinitionFormat format = DefinitionFormat.Sdk) => Write(definition.Root, format);

    /// <summary>Writes a JSON value in the writer's format; numbers keep the spelling they were read with.</summary>
    /// <param name="element">The value.</param>
    /// <param name="format">The layout.</param>
    /// <returns>The JSON text.</returns>
    public static string Write(JsonElement element, DefinitionFormat format = DefinitionFormat.Sdk)
    {
        var sb = new StringBuilder(4096);
        WriteElement(sb, element, format == DefinitionFormat.Indented ? 0 : -1);
        return sb.ToString();
    }

    /// <summary>
    /// Writes a JSON tree built in code. Floating-point values are spelt as Python spells floats (<c>6.0</c>, <c>1e-05</c>),
    /// so that a tree built like the SDK's request dictionaries is written like the SDK writes them.
    /// </summary>
    /// <param name="node">The tree; <see langword="null"/> writes <c>null</c>.</param>
    /// <param name="format">The layout.</param>
    /// <returns>The JSON text.</returns>
    public static string Write(JsonNode? node, DefinitionFormat format = DefinitionFormat.Sdk) => Write(ToElement(node), format);

    /// <summary>Converts a JSON tree to an element, spelling floating-point values as Python does.</summary>
    internal static JsonElement ToElement(JsonNode? node)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteNode(writer, node);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory, new JsonDocumentOptions { MaxDepth = 512 });
        return document.RootElement.Clone();
    }

    private static void WriteNode(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (name, value) in obj)
                {
                    writer.WritePropertyName(name);
                    WriteNode(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    WriteNode(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number && PythonNumber(value) is { } raw:
                writer.WriteRawValue(raw);
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }

    /// <summary>The Python spelling of a floating-point value built in code; <see langword="null"/> for integers and parsed numbers.</summary>
    private static string? PythonNumber(JsonValue value)
    {
        if (value.TryGetValue<JsonElement>(out _))
        {
            return null;
        }

        if (value.TryGetValue<double>(out var d) && !IsIntegral(value))
        {
            return PythonFloat(d);
        }

        if (value.TryGetValue<float>(out var f) && !IsIntegral(value))
        {
            return PythonFloat(double.Parse(f.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
        }

        if (value.TryGetValue<decimal>(out var m) && !IsIntegral(value))
        {
            var text = m.ToString(CultureInfo.InvariantCulture);
            return text.Contains('.', StringComparison.Ordinal) ? text : text + ".0";
        }

        return null;
    }

    private static bool IsIntegral(JsonValue value) =>
        value.TryGetValue<int>(out _) || value.TryGetValue<long>(out _) || value.TryGetValue<short>(out _)
        || value.TryGetValue<byte>(out _) || value.TryGetValue<uint>(out _) || value.TryGetValue<ulong>(out _);

    private static void WriteElement(StringBuilder sb, JsonElement element, int depth)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(sb, element, depth);
                break;
            case JsonValueKind.Array:
                WriteArray(sb, element, depth);
                break;
            case JsonValueKind.String:
                WriteString(sb, element.GetString()!);
                break;
            case JsonValueKind.Number:
                sb.Append(element.GetRawText()); // as written in the source
                break;
            case JsonValueKind.True:
                sb.Append("true");
                break;
            case JsonValueKind.False:
                sb.Append("false");
                break;
            default:
                sb.Append("null");
                break;
        }
    }

    private static void WriteObject(StringBuilder sb, JsonElement obj, int depth)
    {
        var first = true;
        foreach (var member in obj.EnumerateObject())
        {
            sb.Append(first ? "{" : string.Empty);
            Separate(sb, ref first, depth);
            WriteString(sb, member.Name);
            sb.Append(": ");
            WriteElement(sb, member.Value, depth < 0 ? depth : depth + 1);
        }

        if (first)
        {
            sb.Append("{}");
            return;
        }

        Close(sb, '}', depth);
    }

    private static void WriteArray(StringBuilder sb, JsonElement array, int depth)
    {
        var first = true;
        foreach (var item in array.EnumerateArray())
        {
            sb.Append(first ? "[" : string.Empty);
            Separate(sb, ref first, depth);
            WriteElement(sb, item, depth < 0 ? depth : depth + 1);
        }

        if (first)
        {
            sb.Append("[]");
            return;
        }

        Close(sb, ']', depth);
    }

    private static void Separate(StringBuilder sb, ref bool first, int depth)
    {
        if (depth < 0)
        {
            sb.Append(first ? string.Empty : ", ");
        }
        else
        {
            sb.Append(first ? "\n" : ",\n").Append(' ', (depth + 1) * 2);
        }

        first = false;
    }

    private static void Close(StringBuilder sb, char bracket, int depth)
    {
        if (depth >= 0)
        {
            sb.Append('\n').Append(' ', depth * 2);
        }

        sb.Append(bracket);
    }

    /// <summary>Formats a double as Python's <c>repr</c> does: shortest round-trip digits, <c>.0</c> on whole numbers, exponents below 1e-4 and from 1e16.</summary>
    internal static string PythonFloat(double d)
    {
        if (double.IsNaN(d))
        {
            return "NaN";
        }

        if (double.IsInfinity(d))
        {
            return d > 0 ? "Infinity" : "-Infinity";
        }

        var r = d.ToString("R", CultureInfo.InvariantCulture);
        var negative = r[0] == '-';
        if (negative)
        {
            r = r[1..];
        }

        var e = r.IndexOf('E', StringComparison.Ordinal);
        var mantissa = e >= 0 ? r[..e] : r;
        var exponent = e >= 0 ? int.Parse(r[(e + 1)..], CultureInfo.InvariantCulture) : 0;
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integral = dot >= 0 ? mantissa[..dot] : mantissa;
        var all = integral + (dot >= 0 ? mantissa[(dot + 1)..] : string.Empty);
        var significant = all.TrimStart('0');
        var point = integral.Length + exponent - (all.Length - significant.Length);
        var digits = significant.TrimEnd('0');
        var sign = negative ? "-" : string.Empty;
        if (digits.Length == 0)
        {
            return sign + "0.0";
        }

        var scientific = point - 1;
        if (scientific < -4 || scientific >= 16)
        {
            var fraction = digits.Length > 1 ? "." + digits[1..] : string.Empty;
            return sign + digits[0] + fraction + "e" + (scientific < 0 ? "-" : "+")
                + Math.Abs(scientific).ToString("00", CultureInfo.InvariantCulture);
        }

        if (point <= 0)
        {
            return sign + "0." + new string('0', -point) + digits;
        }

        return point >= digits.Length
            ? sign + digits + new string('0', point - digits.Length) + ".0"
            : sign + digits[..point] + "." + digits[point..];
    }

    /// <summary>A string as a JSON literal, escaped as Python's <c>json.dumps</c> escapes it.</summary>
    internal static string Quote(string text)
    {
        var sb = new StringBuilder(text.Length + 2);
        WriteString(sb, text);
        return sb.ToString();
    }

    /// <summary>Writes a string as Python's <c>json.dumps</c> does with <c>ensure_ascii=True</c>.</summary>
    private static void WriteString(StringBuilder sb, string text)
    {
        sb.Append('"');
        foreach (var c in text)
        {
            var escape = c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                _ => null,
            };
            if (escape is not null)
            {
                sb.Append(escape);
            }
            else if (c < ' ' || c > '~')
            {
                sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        sb.Append('"');
    }
}
