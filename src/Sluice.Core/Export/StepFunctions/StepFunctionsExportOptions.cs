using Sluice.Definitions.Json;

namespace Sluice.Core.Export.StepFunctions;

/// <summary>How <see cref="StepFunctionsExporter"/> exports a pipeline.</summary>
public sealed record StepFunctionsExportOptions
{
    /// <summary>The pipeline's name: names the state machine, the CloudFormation resources and the job definitions.</summary>
    public required string PipelineName { get; init; }

    /// <summary>Where job steps run.</summary>
    public ComputeTarget Compute { get; init; } = ComputeTarget.SageMaker;

    /// <summary>
    /// Whether features without an exact equivalent are exported approximately (each listed in
    /// <see cref="StepFunctionsExport.Approximations"/>) instead of refused.
    /// </summary>
    public bool AllowApproximations { get; init; }
}
