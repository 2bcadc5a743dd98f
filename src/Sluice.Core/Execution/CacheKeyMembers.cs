using Sluice.Definitions;

namespace Sluice.Core.Execution;

/// <summary>
/// The attributes that make a step's cache key, per step type, as SageMaker documents them ("Default cache key
/// attributes by pipeline step type" in the SageMaker Developer Guide). Anything else in the step (output paths, job
/// names, resources, roles, stopping conditions, tags, ...) may change without making the step run again, exactly as
/// on SageMaker; so a pipeline whose output paths contain the execution ID, as the SageMaker Python SDK's defaults do,
/// still hits its cache.
/// </summary>
public static class CacheKeyMembers
{
    private static readonly Dictionary<StepType, CacheKeyMember[]> ByType = new()
    {
        [StepType.Processing] = Arguments("AppSpecification", "Environment", "ProcessingInputs"),
        [StepType.Training] = Arguments(
            "AlgorithmSpecification", "CheckpointConfig", "DebugHookConfig", "DebugRuleConfigurations", "Environment", "HyperParameters", "InputDataConfig"),
        [StepType.Tuning] =
        [
            new("HyperParameterTuningJobConfig", CacheKeyScope.Arguments),
            new("TrainingJobDefinition", CacheKeyScope.Arguments,
                ["AlgorithmSpecification", "HyperParameterRanges", "InputDataConfig", "StaticHyperParameters", "TuningObjective"]),
            new("TrainingJobDefinitions", CacheKeyScope.Arguments),
        ],
        [StepType.AutoML] =
        [
            new("AutoMLJobConfig", CacheKeyScope.Arguments, ["CompletionCriteria", "CandidateGenerationConfig", "DataSplitConfig", "Mode"]),
            new("AutoMLJobObjective", CacheKeyScope.Arguments),
            new("InputDataConfig", CacheKeyScope.Arguments),
            new("ProblemType", CacheKeyScope.Arguments),
        ],
        [StepType.Transform] = Arguments("DataProcessing", "Environment", "ModelName", "TransformInput"),

        // The SDK writes a check step's ClarifyCheckConfig/QualityCheckConfig and CheckJobConfig as the processing job
        // request in Arguments (plus the check type); the other attributes are members of the step itself.
        [StepType.ClarifyCheck] = Step("Arguments", "CheckType", "SkipCheck", "RegisterNewBaseline", "ModelPackageGroupName", "SuppliedBaselineConstraints"),
        [StepType.QualityCheck] = Step(
            "Arguments", "CheckType", "SkipCheck", "RegisterNewBaseline", "ModelPackageGroupName", "SuppliedBaselineConstraints", "SuppliedBaselineStatistics"),
        [StepType.EMR] = Arguments("ClusterId", "StepConfig"),
    };

    /// <summary>The step types SageMaker documents a cache key for.</summary>
    public static IEnumerable<StepType> DocumentedTypes => ByType.Keys;

    /// <summary>The attributes of a step type's cache key.</summary>
    /// <param name="type">The step type.</param>
    /// <returns>
    /// The documented list, or <see langword="null"/> for a type SageMaker documents none for (Lambda, Callback, Model,
    /// RegisterModel, ...), whose key is all its resolved Arguments and every other member that changes what it produces.
    /// </returns>
    public static IReadOnlyList<CacheKeyMember>? For(StepType type) => ByType.GetValueOrDefault(type);

    /// <summary>The members of the step itself (not of its Arguments) a step type's key reads, which must be resolved first.</summary>
    /// <param name="type">The step type.</param>
    /// <returns>Their names; empty when the key reads only Arguments.</returns>
    public static IEnumerable<string> StepMembers(StepType type) =>
        (For(type) ?? []).Where(a => a.Scope == CacheKeyScope.Step && a.Name != "Arguments").Select(a => a.Name);

    private static CacheKeyMember[] Arguments(params string[] names) => [.. names.Select(n => new CacheKeyMember(n, CacheKeyScope.Arguments))];

    private static CacheKeyMember[] Step(params string[] names) => [.. names.Select(n => new CacheKeyMember(n, CacheKeyScope.Step))];
}
