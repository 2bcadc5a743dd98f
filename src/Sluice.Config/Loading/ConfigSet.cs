namespace Sluice.Config.Loading;

/// <summary>What a loader found for one environment: the shared configuration and the step files, in file-name order.</summary>
/// <param name="Environment">The environment's name, e.g. <c>dev</c>.</param>
/// <param name="Shared">The shared configuration (<c>shared_config.yaml</c>).</param>
/// <param name="Steps">One file per step.</param>
public sealed record ConfigSet(string Environment, ConfigFile Shared, IReadOnlyList<ConfigFile> Steps);
