using Sluice.Core.Configuration;
using Sluice.Core.Execution;

namespace Sluice.Testing;

/// <summary>How a <see cref="SluiceTestHost"/> starts. Every setting has a default suited to tests.</summary>
public sealed record SluiceTestHostOptions
{
    /// <summary>
    /// The data directory to use and keep; when <see langword="null"/> (the default) a new temporary folder is made and
    /// removed when the host is disposed. Give one to restart a host over the state of an earlier one.
    /// </summary>
    public string? DataDirectory { get; init; }

    /// <summary>The Sluice configuration (store backend, images, Lambda stand-ins, Python); every default unless set.</summary>
    public SluiceConfiguration Configuration { get; init; } = SluiceConfiguration.Empty;

    /// <summary>The engine's and the server's clock: the system's unless set; give a fake one to move time by hand.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How many job steps may run at once: one unless set, so tests on shared machines do not overcommit.</summary>
    public int MaxConcurrentJobs { get; init; } = 1;

    /// <summary>
    /// A waiting Callback step's safety re-check (answers wake the step at once; this only bounds a lost wake-up):
    /// 1 s unless set.
    /// </summary>
    public TimeSpan CallbackPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The step runners; the engine's own (jobs run in the local sandbox) when <see langword="null"/>.</summary>
    public StepRunnerRegistry? Runners { get; init; }

    /// <summary>
    /// Secret access keys by access key id that the server requires signatures from; none unless set, and then any
    /// signature, or none, is accepted.
    /// </summary>
    public IReadOnlyDictionary<string, string> Credentials { get; init; } = new Dictionary<string, string>();

    /// <summary>The web console's sign-in token (<c>serve.console_token</c>); none when <see langword="null"/>.</summary>
    public string? ConsoleToken { get; init; }

    /// <summary>The largest request body the server accepts; <c>sluice serve</c>'s default unless set.</summary>
    public long? MaxBodyBytes { get; init; }

    /// <summary>Whether the server logs every request to the console; off unless set, so test output stays readable.</summary>
    public bool LogRequests { get; init; }

    /// <summary>The region the clients of <see cref="SluiceTestHost"/> sign for.</summary>
    public string ClientRegion { get; init; } = "us-east-1";
}
