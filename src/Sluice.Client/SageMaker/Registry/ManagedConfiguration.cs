namespace Sluice.Client.SageMaker.Registry;

/// <summary>The managed configuration of a model package group.</summary>
public sealed record ManagedConfiguration
{
    /// <summary>The storage type of the model package. One of: <c>Restricted</c>.</summary>
    public string? ManagedStorageType { get; init; }
}
