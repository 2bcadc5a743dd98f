using System.Text.Json.Nodes;
using Sluice.Core.Export.StepFunctions;

namespace Sluice.Core.Tests.Export.StepFunctions.SideBySide;

/// <summary>
/// One definition and one set of inputs, run by Sluice and by its exported machine in moto (<c>--compute batch</c>, or
/// <c>--compute sagemaker</c> for definitions without Processing, Training, Transform or Tuning steps, whose <c>.sync</c>
/// integrations moto does not run).
/// </summary>
/// <param name="Id">The case's name in test output.</param>
/// <param name="Definition">The pipeline definition JSON.</param>
/// <param name="Parameters">The execution's parameter values, typed as the execution input carries them.</param>
internal sealed record SideBySideCase(string Id, string Definition, JsonObject Parameters)
{
    /// <summary>The compute mode of the export.</summary>
    public ComputeTarget Compute { get; init; } = ComputeTarget.Batch;

    /// <summary>The answers to the execution's Callback tokens, in the order the tokens arrive.</summary>
    public IReadOnlyList<CallbackAnswer> CallbackAnswers { get; init; } = [];

    /// <summary>Puts what the execution needs (data, code) into Sluice's object store folder before it starts.</summary>
    public Action<string>? Seed { get; init; }

    /// <summary>Whether Sluice runs this case with Debian's <c>/usr/bin/python3</c> (which has scikit-learn) as the jobs' Python.</summary>
    public bool NeedsScikitLearn { get; init; }

    /// <summary>The case's name in test output.</summary>
    public override string ToString() => Id;
}

/// <summary>An answer to a Callback token: success with output parameters, or failure with a reason.</summary>
/// <param name="Outputs">The output parameters of a success (name, text value).</param>
/// <param name="FailureReason">The reason of a failure; <see langword="null"/> for a success.</param>
internal sealed record CallbackAnswer(IReadOnlyDictionary<string, string> Outputs, string? FailureReason = null);
