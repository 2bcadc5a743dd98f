using Sluice.Client.SageMaker.Steps;

namespace Sluice.Sdk.Remote;

/// <summary>Tells a progress sink of the steps that have started or changed status since the previous listing.</summary>
/// <param name="progress">The sink.</param>
internal sealed class StepChanges(IProgress<PipelineExecutionStep> progress)
{
    private readonly Dictionary<string, (string? Status, int? Attempt)> _seen = new(StringComparer.Ordinal);

    /// <summary>Reports each step of a listing whose status or attempt differs from the last one reported.</summary>
    /// <param name="steps">The steps, in the order to report them.</param>
    public void Report(IEnumerable<PipelineExecutionStep> steps)
    {
        foreach (var step in steps)
        {
            var key = step.StepName ?? string.Empty;
            var state = (step.StepStatus, step.AttemptCount);
            if (_seen.TryGetValue(key, out var previous) && previous == state)
            {
                continue;
            }

            _seen[key] = state;
            progress.Report(step);
        }
    }
}
