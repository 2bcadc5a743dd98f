namespace Sluice.Sdk.Retry;

/// <summary>Retries a step when the pipeline service fails or throttles it (the Python SDK's <c>StepRetryPolicy</c>).</summary>
/// <param name="exceptionTypes">The failures to retry.</param>
public sealed class StepRetryPolicy(params IEnumerable<StepExceptionType> exceptionTypes) : RetryPolicy
{
    /// <inheritdoc />
    public override IReadOnlyList<string> ExceptionTypes { get; } = [.. exceptionTypes.Select(e => e switch
    {
        StepExceptionType.ServiceFault => "Step.SERVICE_FAULT",
        StepExceptionType.Throttling => "Step.THROTTLING",
        _ => throw new ArgumentOutOfRangeException(nameof(exceptionTypes), e, "not a step exception type"),
    })];
}
