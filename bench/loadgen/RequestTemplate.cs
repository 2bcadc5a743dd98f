using System.Globalization;
using System.Net;
using System.Text;

namespace Sluice.Bench.LoadGen;

/// <summary>
/// The request sent over and over: a POST of a fixed body to one path with fixed headers. A body containing
/// <c>{n}</c> gets a value of its own per request there (this run's random prefix and the request's number), as a
/// StartPipelineExecution needs a ClientRequestToken of its own each time.
/// </summary>
internal sealed class RequestTemplate
{
    private const string Counter = "{n}";
    private readonly string head;
    private readonly string body;
    private readonly string prefix = Guid.NewGuid().ToString("N");
    private readonly byte[]? fixedRequest;

    /// <summary>A template for <paramref name="body"/> POSTed to <paramref name="path"/> on <paramref name="endpoint"/>
    /// with the <paramref name="headers"/> (each <c>Name: value</c>).</summary>
    public RequestTemplate(IPEndPoint endpoint, string path, IEnumerable<string> headers, string body)
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"POST {path} HTTP/1.1\r\nHost: {endpoint}\r\n");
        foreach (var header in headers)
        {
            if (header.IndexOf(':', StringComparison.Ordinal) <= 0 || header.AsSpan().ContainsAny('\r', '\n'))
            {
                throw new ArgumentException($"a header must be 'Name: value' on one line, not '{header}'", nameof(headers));
            }

            text.Append(header).Append("\r\n");
        }

        head = text.ToString();
        this.body = body;
        fixedRequest = body.Contains(Counter, StringComparison.Ordinal) ? null : Render(body);
    }

    /// <summary>The bytes of request number <paramref name="index"/>.</summary>
    public byte[] For(long index) =>
        fixedRequest ?? Render(body.Replace(Counter, string.Create(CultureInfo.InvariantCulture, $"{prefix}-{index}"), StringComparison.Ordinal));

    private byte[] Render(string content)
    {
        var payload = Encoding.UTF8.GetBytes(content);
        var header = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{head}Content-Length: {payload.Length}\r\n\r\n"));
        return [.. header, .. payload];
    }
}
