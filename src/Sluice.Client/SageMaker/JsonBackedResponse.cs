using System.Text.Json;
using Sluice.Client.Json;

namespace Sluice.Client.SageMaker;

/// <summary>
/// A response kept as its JSON: the job and registry Describe responses have hundreds of members, most of which a
/// pipeline client never reads. The whole document is in <see cref="Json"/>; derived types add typed members for the
/// few that matter (name, ARN, status, times), and <see cref="GetString"/> or <see cref="Find"/> read any other path.
/// </summary>
public abstract class JsonBackedResponse
{
    /// <summary>Keeps a copy of the response document.</summary>
    /// <param name="json">The response body.</param>
    protected JsonBackedResponse(JsonElement json) => Json = json.Clone();

    /// <summary>The response body as the service sent it.</summary>
    public JsonElement Json { get; }

    /// <summary>The element at a path of member names, e.g. <c>Find("ModelArtifacts", "S3ModelArtifacts")</c>.</summary>
    /// <param name="path">The member names from the top.</param>
    /// <returns>The element, or <see langword="null"/> when a member on the way is missing, null, or not an object.</returns>
    public JsonElement? Find(params string[] path)
    {
        var current = Json;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        return current.ValueKind == JsonValueKind.Null ? null : current;
    }

    /// <summary>The string at a path of member names.</summary>
    /// <param name="path">The member names from the top.</param>
    /// <returns>The string, or <see langword="null"/> when absent or not a string.</returns>
    public string? GetString(params string[] path) =>
        Find(path) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>The timestamp at a path of member names (epoch seconds, or an ISO 8601 string).</summary>
    /// <param name="path">The member names from the top.</param>
    /// <returns>The time, or <see langword="null"/> when absent or not a timestamp.</returns>
    public DateTimeOffset? GetTime(params string[] path) =>
        Find(path) is { } value ? EpochSecondsConverter.FromElement(value) : null;

    /// <summary>The response body as JSON text.</summary>
    /// <returns>The raw JSON.</returns>
    public override string ToString() => Json.GetRawText();
}
