using System.Text.Json;
using Sluice.Concourse.Configuration;

namespace Sluice.Concourse.Protocol;

/// <summary>
/// What Concourse sends on standard input: <c>source</c> (the resource's configuration), <c>version</c> (absent on the
/// first check) and <c>params</c> (the get or put step's). The parts stay JSON until a command reads them, so each error
/// can name its key.
/// </summary>
internal sealed record ResourceRequest
{
    /// <summary>The resource's <c>source</c>.</summary>
    public JsonElement? Source { get; init; }

    /// <summary>The version to check from or to get.</summary>
    public JsonElement? Version { get; init; }

    /// <summary>The step's <c>params</c>.</summary>
    public JsonElement? Params { get; init; }

    /// <summary>Reads a request.</summary>
    /// <param name="json">Standard input.</param>
    /// <returns>The request.</returns>
    /// <exception cref="ResourceException">The input is not a JSON object.</exception>
    public static ResourceRequest Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new ResourceException("the request on standard input is empty; Concourse sends {\"source\": {...}, ...}.");
        }

        try
        {
            return JsonSerializer.Deserialize(json, ProtocolJsonContext.Default.ResourceRequest)
                ?? throw new ResourceException("the request on standard input is null, not an object.");
        }
        catch (JsonException e)
        {
            throw new ResourceException($"the request on standard input is not a JSON object: {e.Message}");
        }
    }
}
