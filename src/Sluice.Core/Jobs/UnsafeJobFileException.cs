namespace Sluice.Core.Jobs;

/// <summary>
/// A job left something in its folder that Sluice will not read on the host: a symbolic link, a FIFO, a socket or a
/// device. Reading one would follow the job out of its folder (a link to the store) or block (a FIFO).
/// </summary>
public sealed class UnsafeJobFileException : IOException
{
    /// <summary>Creates the exception.</summary>
    public UnsafeJobFileException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">Which entry and why it is not read.</param>
    public UnsafeJobFileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public UnsafeJobFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
