using System.Text;
using System.Text.Json;

namespace Sluice.Server.Api;

/// <summary>How the SQS operations write response bodies: plain objects and optional members. (The SageMaker operations write the wire types; see <see cref="Operation"/>.)</summary>
internal static class Responses
{
    /// <summary>A response body: one JSON object with the members <paramref name="members"/> writes.</summary>
    public static string Write(Action<Utf8JsonWriter> members)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes a string member when it has a value.</summary>
    public static void Optional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
