using Sluice.Core.Storage;

namespace Sluice.Sdk.Local;

/// <summary>How one step of a local run ended.</summary>
/// <param name="Name">The step's name.</param>
/// <param name="StepType">The step's type.</param>
/// <param name="Status">The step's status.</param>
/// <param name="FailureReason">Why it failed, when it did.</param>
/// <param name="AttemptCount">How many attempts it took.</param>
/// <param name="CacheHit">Whether its result came from the cache.</param>
/// <param name="PropertiesJson">The step's properties (its Describe* response) as JSON, when it has them.</param>
public sealed record LocalStepResult(
    string Name,
    string StepType,
    StepStatus Status,
    string? FailureReason,
    int AttemptCount,
    bool CacheHit,
    string? PropertiesJson);
