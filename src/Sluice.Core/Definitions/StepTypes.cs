using System.Collections.Frozen;

namespace Sluice.Definitions;

/// <summary>Facts about <see cref="StepType"/> values.</summary>
public static class StepTypes
{
    private static readonly FrozenDictionary<string, StepType> ByName = Enum.GetValues<StepType>()
        .Where(t => t != StepType.Unknown)
        .ToFrozenDictionary(t => t.ToString(), StringComparer.Ordinal);

    /// <summary>The <c>Type</c> strings SageMaker defines.</summary>
    public static IEnumerable<string> Names => ByName.Keys.Order(StringComparer.Ordinal);

    /// <summary>Reads a <c>Type</c> string; <see cref="StepType.Unknown"/> when SageMaker does not define it.</summary>
    /// <param name="name">The <c>Type</c> as written; case matters, as it does to SageMaker.</param>
    /// <returns>The step type.</returns>
    public static StepType Parse(string name) => ByName.GetValueOrDefault(name, StepType.Unknown);

    /// <summary>Whether steps of the type run a SageMaker job, and so accept the <c>SageMaker.*</c> retry exception types.</summary>
    /// <param name="type">The step type.</param>
    /// <returns><see langword="true"/> for job steps.</returns>
    public static bool IsJob(StepType type) => type is StepType.Processing or StepType.Training or StepType.Transform
        or StepType.Tuning or StepType.QualityCheck or StepType.ClarifyCheck or StepType.AutoML;

    /// <summary>Whether Sluice can run steps of the type on this machine.</summary>
    /// <param name="type">The step type.</param>
    /// <returns><see langword="true"/> for the types Sluice has a runner for.</returns>
    public static bool RunsOnThisMachine(StepType type) => type is StepType.Processing or StepType.Training
        or StepType.Transform or StepType.Tuning or StepType.Model or StepType.RegisterModel or StepType.Condition
        or StepType.Fail or StepType.Lambda or StepType.Callback;

    /// <summary>The member of the Arguments that names the job, when SageMaker limits it to 63 characters.</summary>
    /// <param name="type">The step type.</param>
    /// <returns>The member's name, or <see langword="null"/>.</returns>
    public static string? JobNameMember(StepType type) => type switch
    {
        StepType.Processing or StepType.QualityCheck or StepType.ClarifyCheck => "ProcessingJobName",
        StepType.Training => "TrainingJobName",
        StepType.Transform => "TransformJobName",
        StepType.Tuning => "HyperParameterTuningJobName",
        _ => null,
    };
}
