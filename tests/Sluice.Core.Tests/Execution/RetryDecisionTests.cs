using Sluice.Definitions;
using Sluice.Core.Execution;

namespace Sluice.Core.Tests.Execution;

public sealed class RetryDecisionTests
{
    private static readonly RetryPolicy ServiceFaults = new(["Step.SERVICE_FAULT", "Step.THROTTLING"], 10, 2.0, 4, null);

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    public void NextDelay_MatchingPolicy_BacksOffByTheRate(int attemptsMade, double seconds) =>
        RetryDecision.NextDelay([ServiceFaults], "Step.THROTTLING", attemptsMade, TimeSpan.Zero).ShouldBe(TimeSpan.FromSeconds(seconds));

    [Fact]
    public void NextDelay_MaxAttemptsReached_IsFinal() =>
        RetryDecision.NextDelay([ServiceFaults], "Step.SERVICE_FAULT", 4, TimeSpan.Zero).ShouldBeNull();

    [Fact]
    public void NextDelay_UnlistedFailure_IsFinal() =>
        RetryDecision.NextDelay([ServiceFaults], "SageMaker.CAPACITY_ERROR", 1, TimeSpan.Zero).ShouldBeNull();

    [Fact]
    public void NextDelay_FailureWithoutType_IsNeverRetried() =>
        RetryDecision.NextDelay([ServiceFaults], null, 1, TimeSpan.Zero).ShouldBeNull();

    [Fact]
    public void NextDelay_ExpireAfterMin_RetriesUntilTheMinutesHavePassed()
    {
        RetryPolicy policy = new(["SageMaker.JOB_INTERNAL_ERROR"], 30, 1.0, null, 5);

        RetryDecision.NextDelay([policy], "SageMaker.JOB_INTERNAL_ERROR", 9, TimeSpan.FromMinutes(4)).ShouldBe(TimeSpan.FromSeconds(30));
        RetryDecision.NextDelay([policy], "SageMaker.JOB_INTERNAL_ERROR", 10, TimeSpan.FromMinutes(5)).ShouldBeNull();
    }

    [Fact]
    public void NextDelay_FirstMatchingPolicyDecides()
    {
        RetryPolicy first = new(["Step.THROTTLING"], 1, 1.0, 1, null);

        RetryDecision.NextDelay([first, ServiceFaults], "Step.THROTTLING", 1, TimeSpan.Zero).ShouldBeNull();
    }
}
