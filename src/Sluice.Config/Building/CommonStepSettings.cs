using Sluice.Config.Reading;
using Sluice.Sdk.Steps;

namespace Sluice.Config.Building;

/// <summary>
/// The keys every step file may have besides its factory's: <c>display_name</c>, <c>description</c>,
/// <c>depends_on</c> (step names), <c>cache</c> (<c>{enabled, expire_after}</c>) and <c>retry</c> (a list of policies).
/// </summary>
internal static class CommonStepSettings
{
    public static void Apply(Step step, ConfigSection section)
    {
        if (section.OptionalText("display_name") is { } displayName)
        {
            step.DisplayName = displayName;
        }

        if (section.OptionalText("description") is { } description)
        {
            step.Description = description;
        }

        foreach (var other in section.Steps("depends_on"))
        {
            if (!step.DependsOn.Any(d => d.Name == other.Name))
            {
                step.DependsOn.Add(other);
            }
        }

        if (section.OptionalSection("cache") is { } cache)
        {
            var config = new CacheConfig(cache.OptionalBoolean("enabled") ?? true, cache.OptionalText("expire_after"));
            switch (step)
            {
                case JobStep job:
                    job.CacheConfig = config;
                    break;
                case LambdaStep lambda:
                    lambda.CacheConfig = config;
                    break;
                case CallbackStep callback:
                    callback.CacheConfig = config;
                    break;
                default:
                    throw section.Error("cache", $"{step.StepType} steps are not cached; cache applies to Processing, Training, Transform, Tuning, Lambda and Callback steps");
            }
        }

        if (section.Has("retry"))
        {
            if (step is not ConfigurableRetryStep retryable)
            {
                throw section.Error("retry", $"{step.StepType} steps are not retried; retry applies to Processing, Training, Transform, Tuning, Model and RegisterModel steps");
            }

            foreach (var policy in section.Sections("retry"))
            {
                retryable.RetryPolicies.Add(RetryPolicyReader.Read(policy));
            }
        }
    }
}
