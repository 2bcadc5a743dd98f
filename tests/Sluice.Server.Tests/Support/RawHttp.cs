using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Sluice.Server.Tests.Support;

/// <summary>
/// HTTP/1.1 written by hand over a loopback socket, for requests no HTTP client sends: broken chunked framing, a body
/// shorter than its Content-Length. One request per connection.
/// </summary>
internal static class RawHttp
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A request head for <c>POST /</c> with the given target and extra header lines, ending in the blank line; it asks
    /// the server to close the connection after its answer, so the answer is read to the end.
    /// </summary>
    public static byte[] Head(Uri address, string target, params string[] headers)
    {
        var text = new StringBuilder()
            .Append("POST / HTTP/1.1\r\n")
            .Append(CultureInfo.InvariantCulture, $"Host: {address.Authority}\r\n")
            .Append(CultureInfo.InvariantCulture, $"X-Amz-Target: {target}\r\n")
            .Append("Content-Type: application/x-amz-json-1.1\r\n")
            .Append("Connection: close\r\n");
        foreach (var header in headers)
        {
            text.Append(header).Append("\r\n");
        }

        return Encoding.ASCII.GetBytes(text.Append("\r\n").ToString());
    }

    /// <summary>Sends the bytes and reads the answer until the server closes the connection.</summary>
    /// <param name="address">The server, on loopback.</param>
    /// <param name="request">The whole request.</param>
    /// <param name="halfClose">Whether to end sending after the bytes (to the server, the client has gone).</param>
    /// <param name="cancellationToken">Cancels the exchange.</param>
    /// <returns>The status code and the body as text (-1 and empty when the server closed without an answer).</returns>
    public static async Task<(int Status, string Body)> SendAsync(Uri address, byte[] request, bool halfClose, CancellationToken cancellationToken)
    {
        if (!address.IsLoopback)
        {
            throw new ArgumentException("tests talk to loopback only", nameof(address));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port, timeout.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(request, timeout.Token);
        if (halfClose)
        {
            client.Client.Shutdown(SocketShutdown.Send);
        }

        using var received = new MemoryStream();
        try
        {
            await stream.CopyToAsync(received, timeout.Token);
        }
        catch (IOException)
        {
            // a reset after the answer was sent: what was read is the answer
        }

        return Parse(received.ToArray());
    }

    private static (int Status, string Body) Parse(byte[] response)
    {
        var headEnd = response.AsSpan().IndexOf("\r\n\r\n"u8);
        if (!response.AsSpan().StartsWith("HTTP/1.1 "u8) || headEnd < 0)
        {
            return (-1, string.Empty);
        }

        var status = int.Parse(Encoding.ASCII.GetString(response, 9, 3), CultureInfo.InvariantCulture);
        var head = Encoding.ASCII.GetString(response, 0, headEnd);
        var body = response.AsSpan(headEnd + 4);
        return (status, Encoding.UTF8.GetString(head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase) ? Unchunk(body) : body));
    }

    /// <summary>A chunked body's content: each chunk is its size in hex, CRLF, that many bytes, CRLF; size 0 ends it.</summary>
    private static byte[] Unchunk(ReadOnlySpan<byte> body)
    {
        using var content = new MemoryStream();
        while (!body.IsEmpty)
        {
            var lineEnd = body.IndexOf("\r\n"u8);
            if (lineEnd < 0 || !int.TryParse(Encoding.ASCII.GetString(body[..lineEnd]), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var size) || size == 0)
            {
                break;
            }

            body = body[(lineEnd + 2)..];
            var take = Math.Min(size, body.Length);
            content.Write(body[..take]);
            body = body[Math.Min(body.Length, take + 2)..];
        }

        return content.ToArray();
    }
}
