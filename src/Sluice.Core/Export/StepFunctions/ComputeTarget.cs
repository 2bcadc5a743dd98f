using Sluice.Definitions.Json;

namespace Sluice.Core.Export.StepFunctions;

/// <summary>Where an exported state machine runs the job steps (Processing, Training, Transform, Tuning).</summary>
public enum ComputeTarget
{
    /// <summary>SageMaker's optimised Step Functions integrations (<c>createProcessingJob.sync</c> and the like).</summary>
    SageMaker,

    /// <summary>AWS Batch jobs (<c>batch:submitJob.sync</c>) with job definitions derived from the steps.</summary>
    Batch,
}
