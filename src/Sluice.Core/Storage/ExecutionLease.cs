namespace Sluice.Core.Storage;

/// <summary>Who advances an execution, with which fence, until when.</summary>
/// <param name="ExecutionArn">The execution.</param>
/// <param name="Owner">The server holding the lease.</param>
/// <param name="Fence">Incremented each time the lease changes hands.</param>
/// <param name="ExpiresAt">When another server may take it over unless renewed.</param>
public sealed record ExecutionLease(string ExecutionArn, string Owner, long Fence, DateTimeOffset ExpiresAt);
