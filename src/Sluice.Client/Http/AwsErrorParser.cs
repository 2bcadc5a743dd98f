using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Sluice.Client.Http;

/// <summary>
/// Reads an AWS JSON error response as botocore and the AWS SDK for .NET do: the code from <c>__type</c> (without any
/// <c>namespace#</c> prefix or <c>:suffix</c>), else from the <c>x-amzn-ErrorType</c> header, else the HTTP status; the
/// message from <c>message</c> or <c>Message</c>.
/// </summary>
internal static class AwsErrorParser
{
    private const int MaxQuotedBody = 512;

    public static AwsServiceException Parse(HttpResponseMessage response, byte[] body)
    {
        string? type = null;
        string? message = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                type = StringMember(document.RootElement, "__type");
                message = StringMember(document.RootElement, "message") ?? StringMember(document.RootElement, "Message");
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, an empty body): the header and the status still say what happened.
        }

        var status = (int)response.StatusCode;
        var code = Code(type) ?? Code(Header(response, "x-amzn-ErrorType")) ?? status.ToString(CultureInfo.InvariantCulture);
        if (string.IsNullOrEmpty(message))
        {
            var text = Encoding.UTF8.GetString(body).Trim();
            message = text.Length > 0 && type is null
                ? $"HTTP {status} {response.ReasonPhrase}: {(text.Length > MaxQuotedBody ? text[..MaxQuotedBody] + "..." : text)}"
                : $"HTTP {status} {response.ReasonPhrase} ({code})";
        }

        var requestId = Header(response, "x-amzn-RequestId") ?? Header(response, "x-amz-request-id");
        var queryError = Header(response, "x-amzn-query-error")?.Split(';') is [{ Length: > 0 } queryCode, _] ? queryCode : null;
        return new AwsServiceException(code, message, response.StatusCode, requestId, queryError);
    }

    /// <summary>The error code in a <c>__type</c> or <c>x-amzn-ErrorType</c> value: <c>aws.protocol#Code:http://...</c> gives <c>Code</c>.</summary>
    private static string? Code(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            value = value[..colon];
        }

        var hash = value.LastIndexOf('#');
        if (hash >= 0)
        {
            value = value[(hash + 1)..];
        }

        value = value.Trim();
        return value.Length > 0 ? value : null;
    }

    private static string? StringMember(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? values.FirstOrDefault()
            : null;
}
