using Sluice.Core.Storage;

namespace Sluice.Sdk.Local;

/// <summary>How a local run ended.</summary>
/// <param name="ExecutionArn">The execution's ARN (for <c>sluice describe</c> and <c>sluice logs</c> on the same data directory).</param>
/// <param name="Status">Succeeded, Failed or Stopped.</param>
/// <param name="FailureReason">Why it failed, when it did.</param>
/// <param name="Steps">The steps that ran, in the order they started.</param>
public sealed record LocalRunResult(string ExecutionArn, ExecutionStatus Status, string? FailureReason, IReadOnlyList<LocalStepResult> Steps)
{
    /// <summary>The step of a name.</summary>
    /// <param name="name">The step's name.</param>
    /// <returns>The step's result.</returns>
    /// <exception cref="KeyNotFoundException">When no step of that name ran.</exception>
    public LocalStepResult Step(string name) =>
        Steps.FirstOrDefault(s => s.Name == name) ?? throw new KeyNotFoundException($"no step '{name}' ran in {ExecutionArn}");
}
