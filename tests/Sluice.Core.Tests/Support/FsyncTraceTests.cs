namespace Sluice.Core.Tests.Support;

/// <summary>The tests that attach strace (<see cref="FsyncTrace"/>) to the test process; they run alone, so no other test is slowed by it.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FsyncTraceTests
{
    /// <summary>The collection's name.</summary>
    public const string Name = "fsync-trace";
}
