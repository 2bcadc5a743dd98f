namespace Sluice.Sdk.Steps;

/// <summary>A step that runs a SageMaker job (Processing, Training, Transform, Tuning): retried by policy, and cached when asked.</summary>
public abstract class JobStep : ConfigurableRetryStep
{
    private protected JobStep(string name)
        : base(name)
    {
    }

    /// <summary>Caching, when wanted.</summary>
    public CacheConfig? CacheConfig { get; set; }

    private protected override CacheConfig? Cache => CacheConfig;
}
