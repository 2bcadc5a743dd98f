namespace Sluice.Core.Storage;

/// <summary>
/// A write of an execution by a server whose lease on it has passed to another (its fence is stale): nothing was
/// written, and the server must stop advancing the execution.
/// </summary>
public sealed class LeaseLostException : InvalidOperationException
{
    /// <summary>Creates the exception for an execution.</summary>
    /// <param name="executionArn">The execution.</param>
    public LeaseLostException(string executionArn)
        : base($"This server no longer holds the lease of execution '{executionArn}'; another server advances it now.") =>
        ExecutionArn = executionArn;

    /// <summary>Gets the execution.</summary>
    public string ExecutionArn { get; }
}
