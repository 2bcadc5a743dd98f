using Sluice.Config.Tests.Support;

namespace Sluice.Config.Tests.Building;

public sealed class CommonStepSettingsTests
{
    private const string Prep = """
        step_name: Prep
        step_factory_class: ProcessingStepFactory
        code: s3://test-bucket/code/prep.py
        """;

    [Fact]
    public void Apply_DependsOnCacheRetryAndNames_AreWrittenOnTheStep()
    {
        var built = Configs.Build(("prep.yaml", Prep), ("train.yaml", """
            step_name: Train
            step_factory_class: TrainingStepFactory
            display_name: Train the model
            description: Fits it
            depends_on: [Prep]
            cache: {enabled: true, expire_after: P1D}
            retry:
              - exception_types: [SageMaker.JOB_INTERNAL_ERROR, SageMaker.RESOURCE_LIMIT]
                interval_seconds: 10
                backoff_rate: 1.5
                expire_after_min: 60
              - exception_types: Step.THROTTLING
                max_attempts: 5
            """));

        var train = Configs.Step(built, "Train");
        train["DependsOn"].ShouldBeJson("[`Prep`]");
        (train["DisplayName"]!.GetValue<string>(), train["Description"]!.GetValue<string>()).ShouldBe(("Train the model", "Fits it"));
        train["CacheConfig"].ShouldBeJson("{`Enabled`:true,`ExpireAfter`:`P1D`}");
        train["RetryPolicies"].ShouldBeJson(
            "[{`BackoffRate`:1.5,`IntervalSeconds`:10,`ExceptionType`:[`SageMaker.JOB_INTERNAL_ERROR`,`SageMaker.RESOURCE_LIMIT`],`ExpireAfterMin`:60}," +
            "{`BackoffRate`:2.0,`IntervalSeconds`:1,`ExceptionType`:[`Step.THROTTLING`],`MaxAttempts`:5}]");
    }

    [Theory]
    [InlineData("step_factory_class: FailStepFactory\ncache: {enabled: true}", "dev/s.yaml:3: cache: Fail steps are not cached; cache applies to Processing, Training, Transform, Tuning, Lambda and Callback steps")]
    [InlineData("step_factory_class: FailStepFactory\nretry: [{exception_types: [Step.THROTTLING], max_attempts: 2}]", "dev/s.yaml:3: retry: Fail steps are not retried; retry applies to Processing, Training, Transform, Tuning, Model and RegisterModel steps")]
    [InlineData("step_factory_class: ModelStepFactory\nretry: [{exception_types: [Step.THROTTLING, SageMaker.CAPACITY_ERROR], max_attempts: 2}]", "dev/s.yaml:3: retry[0].exception_types: a policy retries either SageMaker.* job failures or Step.* service failures; give each its own policy")]
    [InlineData("step_factory_class: ModelStepFactory\nretry: [{exception_types: [Step.THROTTLE], max_attempts: 2}]", "dev/s.yaml:3: retry[0].exception_types: unknown exception type 'Step.THROTTLE' (did you mean 'Step.THROTTLING'?)")]
    [InlineData("step_factory_class: ModelStepFactory\nretry: [{exception_types: [Step.THROTTLING], max_attempts: 2, expire_after_min: 5}]", "dev/s.yaml:3: retry[0]: give exactly one of max_attempts and expire_after_min")]
    [InlineData("step_factory_class: ModelStepFactory\nretry: [{exception_types: [Step.THROTTLING], max_attempts: 21}]", "dev/s.yaml:3: retry[0].max_attempts: must be from 1 to 20, not 21")]
    [InlineData("step_factory_class: ModelStepFactory\ndepends_on: [Nope]", "dev/s.yaml:3: depends_on[0]: references step 'Nope', which does not exist")]
    public void Apply_SettingThatDoesNotFit_NamesFileLineAndKey(string rest, string message)
    {
        var error = Configs.Fails(("s.yaml", "step_name: S\n" + rest + "\n"));

        error.Message.ShouldStartWith(message);
    }
}
