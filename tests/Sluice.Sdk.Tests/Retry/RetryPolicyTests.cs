using Sluice.Sdk.Retry;

namespace Sluice.Sdk.Tests.Retry;

public sealed class RetryPolicyTests
{
    [Fact]
    public void ToJson_MaxAttempts_WritesTheExceptionTypesAndLimit()
    {
        var policy = new StepRetryPolicy(StepExceptionType.ServiceFault, StepExceptionType.Throttling) { MaxAttempts = 5 };

        Sluice.Sdk.Serialization.Json.Compact(policy.ToJson())
            .ShouldBe("""{"BackoffRate": 2.0, "IntervalSeconds": 1, "ExceptionType": ["Step.SERVICE_FAULT", "Step.THROTTLING"], "MaxAttempts": 5}""");
    }

    [Fact]
    public void ToJson_BothLimits_Throws()
    {
        var policy = new SageMakerJobStepRetryPolicy(SageMakerJobExceptionType.ResourceLimit) { MaxAttempts = 2, ExpireAfterMin = 10 };

        Should.Throw<InvalidOperationException>(() => policy.ToJson()).Message.ShouldContain("exactly one");
    }

    [Fact]
    public void ToJson_NoLimit_Throws()
    {
        Should.Throw<InvalidOperationException>(() => new StepRetryPolicy(StepExceptionType.Throttling).ToJson());
    }

    [Fact]
    public void ToJson_TooManyAttempts_Throws()
    {
        Should.Throw<InvalidOperationException>(() => new StepRetryPolicy(StepExceptionType.Throttling) { MaxAttempts = 21 }.ToJson());
    }
}
