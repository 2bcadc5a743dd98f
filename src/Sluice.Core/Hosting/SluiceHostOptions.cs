using Sluice.Core.Artifacts;
using Sluice.Core.Configuration;
using Sluice.Core.Execution;
using Sluice.Core.Jobs;

namespace Sluice.Core.Hosting;

/// <summary>What a <see cref="SluiceHost"/> is built from: a data directory, the user's configuration and a few limits.</summary>
public sealed record SluiceHostOptions
{
    /// <summary>The data directory: the store, the object store and job folders live here (made absolute when the host starts).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The user's configuration (<c>sluice.yaml</c>): the store backend, region, account, images, Lambda stand-ins.</summary>
    public SluiceConfiguration Configuration { get; init; } = SluiceConfiguration.Empty;

    /// <summary>The region written into ARNs when the configuration names none.</summary>
    public string DefaultRegion { get; init; } = "us-east-1";

    /// <summary>The engine's clock; a fake one lets tests move time by hand.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How many job steps may run at once; the engine's default (one per processor) when <see langword="null"/>.</summary>
    public int? MaxConcurrentJobs { get; init; }

    /// <summary>How often a waiting Callback step re-reads its token to cover a lost wake-up (answers wake it at once); the engine's default (30 s) when <see langword="null"/>.</summary>
    public TimeSpan? CallbackPollInterval { get; init; }

    /// <summary>
    /// The step runners; the engine's own runners over <see cref="JobHost"/> when <see langword="null"/>. Tests swap in
    /// runners that fail or block on purpose.
    /// </summary>
    public StepRunnerRegistry? Runners { get; init; }

    /// <summary>
    /// Where job steps run; the host the configuration's <c>jobs.host</c> names when <see langword="null"/>. Ignored
    /// when <see cref="Runners"/> is given (the runners hold their host).
    /// </summary>
    public IJobHost? JobHost { get; init; }

    /// <summary>Where s3:// URIs resolve; the folder <c>{data dir}/objects</c> when <see langword="null"/>.</summary>
    public IObjectStore? Objects { get; init; }

    /// <summary>The HTTP client for Lambda stand-ins behind a URL; one the host owns and disposes when <see langword="null"/>.</summary>
    public HttpClient? Http { get; init; }
}
