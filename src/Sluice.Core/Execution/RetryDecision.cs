using Sluice.Definitions;

namespace Sluice.Core.Execution;

/// <summary>
/// SageMaker's retry semantics: the first policy whose ExceptionType lists the failure's type decides; it allows
/// another attempt while the attempts made are fewer than MaxAttempts (or, with ExpireAfterMin, while that many minutes
/// have not passed since the first attempt), after IntervalSeconds × BackoffRate^(retries so far).
/// </summary>
public static class RetryDecision
{
    /// <summary>How long to wait before the next attempt, or <see langword="null"/> when the failure is final.</summary>
    /// <param name="policies">The step's retry policies.</param>
    /// <param name="exceptionType">The failure's type; <see langword="null"/> is never retried.</param>
    /// <param name="attemptsMade">Attempts made so far, the failed one included.</param>
    /// <param name="sinceFirstAttempt">Time since the first attempt started.</param>
    /// <returns>The delay, or <see langword="null"/>.</returns>
    public static TimeSpan? NextDelay(IReadOnlyList<RetryPolicy> policies, string? exceptionType, int attemptsMade, TimeSpan sinceFirstAttempt)
    {
        if (exceptionType is null)
        {
            return null;
        }

        foreach (var policy in policies)
        {
            if (!policy.ExceptionTypes.Contains(exceptionType, StringComparer.Ordinal))
            {
                continue;
            }

            var allowed = policy.MaxAttempts is { } max ? attemptsMade < max
                : policy.ExpireAfterMin is { } minutes ? sinceFirstAttempt < TimeSpan.FromMinutes(minutes)
                : attemptsMade < DefaultMaxAttempts;
            if (!allowed)
            {
                return null;
            }

            // 0 × an overflowed power is NaN: no wait, as a zero interval means.
            var seconds = policy.IntervalSeconds * Math.Pow(policy.BackoffRate, attemptsMade - 1);
            return TimeSpan.FromSeconds(double.IsNaN(seconds) ? 0 : Math.Min(seconds, TimeSpan.FromDays(1).TotalSeconds));
        }

        return null;
    }

    /// <summary>The attempts a policy with neither MaxAttempts nor ExpireAfterMin allows (the SDK's default for job retries).</summary>
    public const int DefaultMaxAttempts = 5;
}
