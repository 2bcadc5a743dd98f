using Sluice.Config.Reading;
using Sluice.Sdk.Retry;

namespace Sluice.Config.Building;

/// <summary>
/// Reads a retry policy: <c>{exception_types, interval_seconds, backoff_rate, max_attempts | expire_after_min}</c>, the
/// exception types as the definition names them (<c>SageMaker.JOB_INTERNAL_ERROR</c>, <c>Step.THROTTLING</c>, ...).
/// </summary>
internal static class RetryPolicyReader
{
    private static readonly Dictionary<string, SageMakerJobExceptionType> JobTypes = new(StringComparer.Ordinal)
    {
        ["SageMaker.JOB_INTERNAL_ERROR"] = SageMakerJobExceptionType.InternalError,
        ["SageMaker.CAPACITY_ERROR"] = SageMakerJobExceptionType.CapacityError,
        ["SageMaker.RESOURCE_LIMIT"] = SageMakerJobExceptionType.ResourceLimit,
    };

    private static readonly Dictionary<string, StepExceptionType> StepTypes = new(StringComparer.Ordinal)
    {
        ["Step.SERVICE_FAULT"] = StepExceptionType.ServiceFault,
        ["Step.THROTTLING"] = StepExceptionType.Throttling,
    };

    public static RetryPolicy Read(ConfigSection policy)
    {
        var types = policy.Texts("exception_types");
        if (types.Count == 0)
        {
            throw policy.Missing("exception_types");
        }

        var known = JobTypes.Keys.Concat(StepTypes.Keys).ToList();
        if (types.FirstOrDefault(t => !known.Contains(t)) is { } unknown)
        {
            throw policy.Error("exception_types", $"unknown exception type '{unknown}'{Definitions.Spelling.Hint(unknown, known)}; types: {string.Join(", ", known)}");
        }

        var interval = policy.OptionalInteger("interval_seconds") ?? 1;
        var backoff = policy.OptionalFloat("backoff_rate") ?? 2.0;
        var attempts = policy.OptionalInteger("max_attempts");
        var expire = policy.OptionalInteger("expire_after_min");
        if (attempts is null == expire is null)
        {
            throw policy.Error("give exactly one of max_attempts and expire_after_min");
        }

        if (attempts is < 1 or > 20)
        {
            throw policy.Error("max_attempts", $"must be from 1 to 20, not {attempts}");
        }

        if (expire is < 0 or > 14_400)
        {
            throw policy.Error("expire_after_min", $"must be from 0 to 14400, not {expire}");
        }

        if (interval < 0 || backoff < 0)
        {
            throw policy.Error(interval < 0 ? "interval_seconds" : "backoff_rate", "must not be negative");
        }

        if (types.All(JobTypes.ContainsKey))
        {
            return new SageMakerJobStepRetryPolicy(types.Select(t => JobTypes[t]))
            {
                IntervalSeconds = interval, BackoffRate = backoff, MaxAttempts = attempts, ExpireAfterMin = expire,
            };
        }

        if (types.All(StepTypes.ContainsKey))
        {
            return new StepRetryPolicy(types.Select(t => StepTypes[t]))
            {
                IntervalSeconds = interval, BackoffRate = backoff, MaxAttempts = attempts, ExpireAfterMin = expire,
            };
        }

        throw policy.Error("exception_types", "a policy retries either SageMaker.* job failures or Step.* service failures; give each its own policy");
    }
}
