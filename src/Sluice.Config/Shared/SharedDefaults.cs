using Sluice.Sdk.Expressions;

namespace Sluice.Config.Shared;

/// <summary>
/// The shared configuration's <c>defaults</c>: what job steps take when their own configuration does not say. Each
/// value may be a literal or a reference (<c>${parameters.X}</c>, <c>${shared.x}</c>).
/// </summary>
public sealed record SharedDefaults
{
    /// <summary><c>image_uri</c>: the container image of Processing, Training, Tuning and model steps.</summary>
    public PipelineValue? ImageUri { get; init; }

    /// <summary><c>instance_type</c>: the instance type of Processing, Training, Tuning and Transform steps.</summary>
    public PipelineValue? InstanceType { get; init; }

    /// <summary><c>instance_count</c>: how many instances those steps use.</summary>
    public PipelineValue? InstanceCount { get; init; }

    /// <summary><c>volume_size_in_gb</c>: the storage volume of Processing, Training and Tuning jobs.</summary>
    public PipelineValue? VolumeSizeInGB { get; init; }

    /// <summary><c>max_runtime_in_seconds</c>: the longest a Processing, Training or Tuning job may run.</summary>
    public PipelineValue? MaxRuntimeInSeconds { get; init; }
}
