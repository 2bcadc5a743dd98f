using System.Text;
using System.Text.Json;

namespace Sluice.Core.Execution;

/// <summary>
/// JSON written one way whatever order its objects' members came in (ordinal order), on one line, for hashing. A
/// missing value and <c>null</c> are written alike, as <c>-</c>: an optional member left out and one written as
/// <c>null</c> (as the SageMaker Python SDK writes unset members) mean the same request.
/// </summary>
internal static class CanonicalJson
{
    /// <summary>Writes a value canonically.</summary>
    /// <param name="value">The value; <see cref="JsonValueKind.Undefined"/> when missing.</param>
    /// <param name="only">When the value is an object, the only members to write; <see langword="null"/> for all.</param>
    /// <returns>The canonical text.</returns>
    public static string Write(JsonElement value, IReadOnlyList<string>? only = null)
    {
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return "-";
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteValue(writer, value, only);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteValue(Utf8JsonWriter writer, JsonElement value, IReadOnlyList<string>? only)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var member in value.EnumerateObject()
                    .Where(m => (only is null || only.Contains(m.Name)) && m.Value.ValueKind != JsonValueKind.Null)
                    .OrderBy(m => m.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(member.Name);
                    WriteValue(writer, member.Value, null);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    WriteValue(writer, item, null);
                }

                writer.WriteEndArray();
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }
}
