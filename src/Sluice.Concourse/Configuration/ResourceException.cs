namespace Sluice.Concourse.Configuration;

/// <summary>A step cannot go on; the message says why in the user's terms (the source or params key, the execution, the file).</summary>
internal sealed class ResourceException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ResourceException()
        : base("the resource failed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong, naming the key or the thing involved.</param>
    public ResourceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ResourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
