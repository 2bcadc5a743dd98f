using System.Text;
using System.Text.Json;

namespace Sluice.Core.Jobs;

/// <summary>
/// A submitted job, as a host names it. It is small and serializable (<see cref="ToJson"/>) so that a runner can save it
/// as its step's job state and find the job again after a restart.
/// </summary>
/// <param name="Host">Which kind of host ran it (<c>local</c> for the sandbox), so that a handle is never given to another.</param>
/// <param name="Id">The host's identifier of the job.</param>
public sealed record JobHandle(string Host, string Id)
{
    /// <summary>The handle as JSON: <c>{"host": "...", "id": "..."}</c>.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("host", Host);
            writer.WriteString("id", Id);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads a handle saved with <see cref="ToJson"/>.</summary>
    /// <param name="json">Saved job state.</param>
    /// <returns>The handle; <see langword="null"/> when the text is not a job handle (state a runner saved for something else).</returns>
    public static JobHandle? TryParse(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("host", out var host) && host.ValueKind == JsonValueKind.String
                && root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                ? new JobHandle(host.GetString()!, id.GetString()!)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
