using System.Net.Http.Headers;
using System.Text;

namespace Sluice.Server.Tests.S3;

/// <summary>Small helpers to send S3 requests by hand, for what no SDK sends: hostile paths, framing and bodies.</summary>
internal static class S3Http
{
    /// <summary>Sends a request to a path (as given, not re-encoded) with a body and headers.</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, Uri server, HttpMethod method, string pathAndQuery, byte[]? body = null, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, new Uri(server, pathAndQuery));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
        }

        foreach (var (name, value) in headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Host = value;
            }
            else if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>The S3 error code of an XML error body, or the empty string.</summary>
    public static async Task<string> ErrorCodeAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var start = text.IndexOf("<Code>", StringComparison.Ordinal);
        return start < 0 ? string.Empty : text[(start + 6)..text.IndexOf("</Code>", StringComparison.Ordinal)];
    }

    /// <summary>A body in aws-chunked framing: chunks of <paramref name="chunkSize"/> bytes, then the zero chunk and the trailer lines.</summary>
    public static byte[] Chunked(byte[] data, int chunkSize, params string[] trailers)
    {
        using var body = new MemoryStream();
        for (var offset = 0; offset < data.Length; offset += chunkSize)
        {
            var size = Math.Min(chunkSize, data.Length - offset);
            body.Write(Encoding.ASCII.GetBytes($"{size:x}\r\n"));
            body.Write(data, offset, size);
            body.Write("\r\n"u8);
        }

        body.Write("0\r\n"u8);
        foreach (var trailer in trailers)
        {
            body.Write(Encoding.ASCII.GetBytes(trailer + "\r\n"));
        }

        body.Write("\r\n"u8);
        return body.ToArray();
    }

    /// <summary>A media type header value without parameters.</summary>
    public static MediaTypeHeaderValue Type(string value) => new(value);

    /// <summary>Sends a request line as written (no client normalizes its path) and gives the status.</summary>
    public static async Task<int> RawStatusAsync(Uri server, string method, string target, byte[] body)
    {
        var head = Encoding.ASCII.GetBytes($"{method} {target} HTTP/1.1\r\nHost: {server.Authority}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        var (status, _) = await Support.RawHttp.SendAsync(server, [.. head, .. body], halfClose: false, TestContext.Current.CancellationToken);
        return status;
    }
}
