namespace Sluice.Core.Artifacts;

/// <summary>An object store operation refused for a reason a client can act on (<see cref="ObjectStoreError"/>).</summary>
public sealed class ObjectStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">Why.</param>
    /// <param name="message">What happened, naming the bucket, key or part.</param>
    public ObjectStoreException(ObjectStoreError error, string message)
        : base(message) => Error = error;

    /// <summary>Creates an exception without a reason (for serializers; prefer the other constructor).</summary>
    public ObjectStoreException()
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    /// <param name="message">What happened.</param>
    public ObjectStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public ObjectStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Why the operation was refused.</summary>
    public ObjectStoreError Error { get; }
}
