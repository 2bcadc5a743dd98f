using System.Text;
using System.Text.Json;

namespace Sluice.Server.Api;

/// <summary>How response bodies are written: plain objects, optional members, and pages of lists.</summary>
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

    /// <summary>One page of a list: NextToken names the next page (<see cref="OffsetPageToken"/>); MaxResults 1 to 100, default <paramref name="defaultSize"/>.</summary>
    public static string Page<T>(ApiRequest request, IReadOnlyList<T> items, string member, Action<Utf8JsonWriter, T> writeItem, int defaultSize = 50)
    {
        var size = request.Integer("MaxResults", 1, 100) ?? defaultSize;
        var offset = request.Optional("NextToken", 8192) is { } token ? OffsetPageToken.Read(token) : 0;
        return Write(w =>
        {
            w.WriteStartArray(member);
            foreach (var item in items.Skip(offset).Take(size))
            {
                writeItem(w, item);
            }

            w.WriteEndArray();
            if (items.Count - size > offset) // offset + size could overflow: a token may name any offset
            {
                w.WriteString("NextToken", OffsetPageToken.Write(offset + size));
            }
        });
    }
}
