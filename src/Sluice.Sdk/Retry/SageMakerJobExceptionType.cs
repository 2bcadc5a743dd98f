namespace Sluice.Sdk.Retry;

/// <summary>Failures of a step's SageMaker job, for <see cref="SageMakerJobStepRetryPolicy"/>.</summary>
public enum SageMakerJobExceptionType
{
    /// <summary><c>SageMaker.JOB_INTERNAL_ERROR</c>.</summary>
    InternalError,

    /// <summary><c>SageMaker.CAPACITY_ERROR</c>.</summary>
    CapacityError,

    /// <summary><c>SageMaker.RESOURCE_LIMIT</c>.</summary>
    ResourceLimit,
}
