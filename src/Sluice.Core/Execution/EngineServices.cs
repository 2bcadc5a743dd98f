using Sluice.Core.Artifacts;
using Sluice.Core.Configuration;
using Sluice.Core.Storage;

namespace Sluice.Core.Execution;

/// <summary>What every execution of one engine shares.</summary>
internal sealed record EngineServices(
    ISluiceStore Store,
    EngineOptions Options,
    SluiceConfiguration Configuration,
    TimeProvider Time,
    StepRunnerRegistry Runners,
    IObjectStore Objects,
    SemaphoreSlim JobSlots,
    StepWriter Steps);
