using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Sluice.Server.Api;

/// <summary>A request body, with the checks the service makes that botocore leaves to it (lengths, patterns, ranges).</summary>
/// <param name="Body">The JSON body.</param>
public sealed partial record ApiRequest(JsonElement Body)
{
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

    /// <summary>An optional long integer member within a range.</summary>
    public long? Long(string name, long min, long max)
    {
        if (!Body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
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

    /// <summary>The SageMaker name pattern of pipelines: <c>[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}</c>.</summary>
    [GeneratedRegex("^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}$")]
    public static partial Regex PipelineName();

    /// <summary>A pipeline name or a pipeline ARN.</summary>
    [GeneratedRegex(@"^((arn:aws[a-z\-]*:sagemaker:[a-z0-9\-]*:[0-9]{12}:pipeline/.*)?([a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}))$")]
    public static partial Regex PipelineNameOrArn();

    /// <summary>A pipeline ARN.</summary>
    [GeneratedRegex(@"^arn:aws[a-z\-]*:sagemaker:[a-z0-9\-]*:[0-9]{12}:pipeline/.*$")]
    public static partial Regex PipelineArn();

    /// <summary>An execution ARN.</summary>
    [GeneratedRegex(@"^arn:aws[a-z\-]*:sagemaker:[a-z0-9\-]*:[0-9]{12}:pipeline\/.*\/execution\/.*$")]
    public static partial Regex ExecutionArn();

    /// <summary>A callback token: exactly ten letters and digits.</summary>
    [GeneratedRegex("^[a-zA-Z0-9]{10}$")]
    public static partial Regex CallbackToken();

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
