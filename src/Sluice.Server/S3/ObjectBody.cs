using System.IO.Pipelines;

namespace Sluice.Server.S3;

/// <summary>
/// Sends an object's bytes (or a range of them) as a response body: read straight into the response's own buffers,
/// one large piece at a time, so each byte is copied once between the page cache and the socket's buffers. The bytes
/// come from the open file's handle, not its path: a GET answers the version it opened even when a PUT replaces the
/// object meanwhile.
/// </summary>
internal static class ObjectBody
{
    /// <summary>The most read into the response at once.</summary>
    private const int Piece = 256 * 1024;

    /// <summary>Writes <paramref name="length"/> bytes of <paramref name="content"/> from <paramref name="start"/> to the response.</summary>
    /// <param name="content">The object's stream (a file stream for the local store; any seekable stream otherwise).</param>
    /// <param name="start">The first byte.</param>
    /// <param name="length">How many bytes.</param>
    /// <param name="body">The response body.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    /// <exception cref="IOException">When the object ends before <paramref name="length"/> bytes (truncated meanwhile by
    /// someone else): the answer, already started, cannot be completed.</exception>
    public static async Task SendAsync(Stream content, long start, long length, PipeWriter body, CancellationToken cancellationToken)
    {
        var handle = (content as FileStream)?.SafeFileHandle;
        if (handle is null)
        {
            content.Seek(start, SeekOrigin.Begin);
        }

        var offset = start;
        var end = start + length;
        while (offset < end)
        {
            var want = (int)Math.Min(Piece, end - offset);
            var memory = body.GetMemory(want);
            memory = memory[..Math.Min(memory.Length, want)];
            var read = handle is not null
                ? RandomAccess.Read(handle, memory.Span, offset) // from the page cache: cheaper here than on another thread
                : await content.ReadAsync(memory, cancellationToken);
            if (read == 0)
            {
                throw new IOException($"The object ended at byte {offset} of the {end} expected: it was truncated while being read.");
            }

            body.Advance(read);
            offset += read;
            var flushed = await body.FlushAsync(cancellationToken);
            if (flushed.IsCanceled || flushed.IsCompleted)
            {
                return; // the client went away
            }
        }
    }
}
