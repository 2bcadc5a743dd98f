using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Sluice.Bench.LoadGen;

/// <summary>
/// One keep-alive HTTP/1.1 connection with blocking sends and receives: one request, then its whole response, as a
/// client without pipelining does. Responses are framed by Content-Length, chunked encoding or the server closing the
/// connection; after a response that ends the connection (or any failure) the next request connects again.
/// </summary>
internal sealed class HttpConnection(IPEndPoint endpoint, TimeSpan timeout) : IDisposable
{
    private static ReadOnlySpan<byte> HeaderEnd => "\r\n\r\n"u8;

    private static ReadOnlySpan<byte> LineEnd => "\r\n"u8;

    private readonly int timeoutMs = (int)timeout.TotalMilliseconds;
    private Socket? socket;
    private byte[] buffer = new byte[64 * 1024];
    private int filled;

    /// <summary>How many times a connection was opened (the first included).</summary>
    public int Connects { get; private set; }

    /// <summary>Sends <paramref name="request"/> and reads its response to the end; returns the status code.</summary>
    /// <exception cref="IOException">The connection failed, timed out, or the response is not HTTP/1.x.</exception>
    public int Exchange(ReadOnlySpan<byte> request)
    {
        try
        {
            var open = socket ?? Connect();
            while (!request.IsEmpty)
            {
                request = request[open.Send(request)..];
            }

            var (status, keepAlive) = ReadResponse(open);
            if (!keepAlive)
            {
                Close();
            }

            return status;
        }
        catch (SocketException error)
        {
            Close();
            throw new IOException(error.SocketErrorCode == SocketError.TimedOut
                ? $"no response within {timeoutMs} ms"
                : $"socket error {error.SocketErrorCode}", error);
        }
        catch (IOException)
        {
            Close();
            throw;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => Close();

    private Socket Connect()
    {
        var opened = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
        {
            NoDelay = true,
            ReceiveTimeout = timeoutMs,
            SendTimeout = timeoutMs,
        };
        try
        {
            opened.Connect(endpoint);
        }
        catch
        {
            opened.Dispose();
            throw;
        }

        Connects++;
        filled = 0;
        return socket = opened;
    }

    private void Close()
    {
        socket?.Dispose();
        socket = null;
        filled = 0;
    }

    private (int Status, bool KeepAlive) ReadResponse(Socket from)
    {
        filled = 0;
        int headerEnd;
        while ((headerEnd = buffer.AsSpan(0, filled).IndexOf(HeaderEnd)) < 0)
        {
            Fill(from);
        }

        var head = Encoding.ASCII.GetString(buffer, 0, headerEnd);
        var lines = head.Split("\r\n");
        var statusLine = lines[0].Split(' ', 3);
        if (statusLine.Length < 2 || !statusLine[0].StartsWith("HTTP/1.", StringComparison.Ordinal)
            || !int.TryParse(statusLine[1], out var status))
        {
            throw new IOException($"not an HTTP/1.x status line: {lines[0]}");
        }

        var keepAlive = statusLine[0] != "HTTP/1.0";
        long? length = null;
        var chunked = false;
        foreach (var line in lines.AsSpan(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var name = line.AsSpan(0, colon).Trim();
            var value = line.AsSpan(colon + 1).Trim();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                length = long.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                chunked = value.Contains("chunked", StringComparison.OrdinalIgnoreCase);
            }
            else if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase))
            {
                keepAlive = value.Equals("keep-alive", StringComparison.OrdinalIgnoreCase)
                    || (keepAlive && !value.Equals("close", StringComparison.OrdinalIgnoreCase));
            }
        }

        var bodyStart = headerEnd + HeaderEnd.Length;
        if (chunked)
        {
            ReadChunks(from, bodyStart);
        }
        else if (length is { } bytes)
        {
            Skip(from, bodyStart, bytes);
        }
        else
        {
            while (TryFill(from))
            {
                filled = 0; // the body runs to the end of the connection; only its end matters
            }

            keepAlive = false;
        }

        return (status, keepAlive);
    }

    private void ReadChunks(Socket from, int position)
    {
        while (true)
        {
            var lineEnd = FindLineEnd(from, ref position);
            var sizeText = buffer.AsSpan(position, lineEnd - position);
            var extension = sizeText.IndexOf((byte)';');
            if (extension >= 0)
            {
                sizeText = sizeText[..extension];
            }

            if (!Utf8Parser.TryParse(sizeText, out long size, out var consumed, 'X') || consumed != sizeText.Length)
            {
                throw new IOException("malformed chunk size");
            }

            position = lineEnd + LineEnd.Length;
            if (size == 0)
            {
                // Trailers, if any, end with an empty line.
                while (true)
                {
                    var end = FindLineEnd(from, ref position);
                    var empty = end == position;
                    position = end + LineEnd.Length;
                    if (empty)
                    {
                        return;
                    }
                }
            }

            position = Skip(from, position, size + LineEnd.Length);
        }
    }

    // Consumes `count` bytes from `position`; returns the position after them in the (possibly compacted) buffer.
    private int Skip(Socket from, int position, long count)
    {
        while (filled - position < count)
        {
            count -= filled - position;
            position = 0;
            filled = 0;
            Fill(from);
        }

        return position + (int)count;
    }

    // Moves the unread bytes to the buffer's start when it must read more, so `position` may change.
    private int FindLineEnd(Socket from, ref int position)
    {
        while (true)
        {
            var found = buffer.AsSpan(position, filled - position).IndexOf(LineEnd);
            if (found >= 0)
            {
                return position + found;
            }

            if (position > 0)
            {
                // Keep the unread tail at the start so a line never outgrows the buffer.
                buffer.AsSpan(position, filled - position).CopyTo(buffer);
                filled -= position;
                position = 0;
            }

            Fill(from);
        }
    }

    private void Fill(Socket from)
    {
        if (!TryFill(from))
        {
            throw new IOException("the server closed the connection before the response ended");
        }
    }

    private bool TryFill(Socket from)
    {
        if (filled == buffer.Length)
        {
            Array.Resize(ref buffer, buffer.Length * 2);
        }

        var read = from.Receive(buffer, filled, buffer.Length - filled, SocketFlags.None);
        filled += read;
        return read > 0;
    }
}
