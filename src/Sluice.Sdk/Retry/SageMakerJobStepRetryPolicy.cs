namespace Sluice.Sdk.Retry;

/// <summary>Retries a job step when its job fails in a retryable way (the Python SDK's <c>SageMakerJobStepRetryPolicy</c>).</summary>
/// <param name="exceptionTypes">The failures to retry.</param>
public sealed class SageMakerJobStepRetryPolicy(params IEnumerable<SageMakerJobExceptionType> exceptionTypes) : RetryPolicy
{
    /// <inheritdoc />
    public override IReadOnlyList<string> ExceptionTypes { get; } = [.. exceptionTypes.Select(e => e switch
    {
        SageMakerJobExceptionType.InternalError => "SageMaker.JOB_INTERNAL_ERROR",
        SageMakerJobExceptionType.CapacityError => "SageMaker.CAPACITY_ERROR",
        SageMakerJobExceptionType.ResourceLimit => "SageMaker.RESOURCE_LIMIT",
        _ => throw new ArgumentOutOfRangeException(nameof(exceptionTypes), e, "not a SageMaker job exception type"),
    })];
}
