using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace Sluice.Server.Api;

/// <summary>
/// A request body. The model's constraints (required members, lengths, patterns, enums, ranges) are checked for every
/// modeled operation before a handler runs (<see cref="Validation.RequestValidator"/>); SageMaker handlers then read
/// the body as the wire type the client writes (<see cref="Read{T}"/>, the types of <c>Sluice.Client</c>). The member
/// helpers serve the SQS operations and the idempotency check; the limits they take are for what the model does not
/// state.
/// </summary>
/// <param name="Body">The JSON body.</param>
public sealed record ApiRequest(JsonElement Body)
{
    /// <summary>
    /// The request's ClientRequestToken when the handler answers it in its own commit (<see cref="ClientRequestTokens"/>
    /// sets it for such operations before the handler runs); <see langword="null"/> otherwise.
    /// </summary>
    internal ClientTokenScope? ClientToken { get; set; }

    /// <summary>
    /// The body as a wire type. The validator has already checked it against the operation's shape, so a mismatch
    /// here is a member the model leaves loose (a number too large for its type): a SerializationException naming the
    /// member's JSON path.
    /// </summary>
    /// <typeparam name="T">The request type.</typeparam>
    /// <param name="type">Its JSON contract.</param>
    /// <returns>The request.</returns>
    /// <exception cref="ApiException">The body does not fit the type.</exception>
    public T Read<T>(JsonTypeInfo<T> type)
    {
        try
        {
            return Body.Deserialize(type) ?? throw new ApiException("SerializationException", "The request body must be a JSON object.");
        }
        catch (JsonException e)
        {
            var at = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "the request" : $"'{e.Path[2..]}'";
            throw new ApiException("SerializationException", $"The value at {at} does not match the operation's input shape.");
        }
    }

    /// <summary>A required string member, checked for length and, when given, a pattern.</summary>
    public string Required(string name, int maxLength = 2048, Regex? pattern = null) =>
        Optional(name, maxLength, pattern) ?? throw ApiException.Validation($"1 validation error detected: Value null at '{Camel(name)}' failed to satisfy constraint: Member must not be null");

    /// <summary>An optional string member, checked for length and, when given, a pattern.</summary>
    public string? Optional(string name, int maxLength = 2048, Regex? pattern = null)
    {
        if (!Body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new ApiException("SerializationException", $"{name} must be a string");
        }

        var text = value.GetString()!;
        if (text.Length > maxLength)
        {
            throw ApiException.Validation($"1 validation error detected: Value at '{Camel(name)}' failed to satisfy constraint: Member must have length less than or equal to {maxLength}");
        }

        if (pattern is not null && !pattern.IsMatch(text))
        {
            throw ApiException.Validation($"1 validation error detected: Value '{text}' at '{Camel(name)}' failed to satisfy constraint: Member must satisfy regular expression pattern: {pattern}");
        }

        return text;
    }

    /// <summary>An optional integer member within a range.</summary>
    public int? Integer(string name, int min, int max)
    {
        if (!Body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            throw new ApiException("SerializationException", $"{name} must be an integer");
        }

        return number < min || number > max
            ? throw ApiException.Validation(string.Create(CultureInfo.InvariantCulture, $"1 validation error detected: Value '{number}' at '{Camel(name)}' failed to satisfy constraint: Member must have value between {min} and {max}"))
            : number;
    }

    /// <summary>A member object, when present.</summary>
    public JsonElement? Object(string name) =>
        Body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    /// <summary>A member list, when present.</summary>
    public JsonElement? List(string name) =>
        Body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value : null;

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
