namespace Sluice.Definitions;

/// <summary>One entry of a step's <c>RetryPolicies</c>.</summary>
/// <param name="ExceptionTypes">The failures the policy retries, e.g. <c>Step.SERVICE_FAULT</c> or <c>SageMaker.CAPACITY_ERROR</c>.</param>
/// <param name="IntervalSeconds">The wait before the first retry.</param>
/// <param name="BackoffRate">The factor the wait grows by after each retry.</param>
/// <param name="MaxAttempts">The most attempts, when the policy is bounded by count.</param>
/// <param name="ExpireAfterMin">The most minutes of retrying, when the policy is bounded by time.</param>
public sealed record RetryPolicy(
    IReadOnlyList<string> ExceptionTypes,
    double IntervalSeconds,
    double BackoffRate,
    int? MaxAttempts,
    int? ExpireAfterMin);
