using System.Collections.Concurrent;
using Sluice.Definitions.Parallelism;

namespace Sluice.Definitions.Tests.Parallelism;

public sealed class StepChunksTests
{
    [Fact]
    public void Run_ManyItems_RunsEveryChunkOnceWithItsBounds()
    {
        const int count = (StepChunks.ChunkSize * 40) + 7;
        var seen = new ConcurrentBag<(int First, int End, int Chunk)>();

        StepChunks.Run(count, (first, end, chunk) => seen.Add((first, end, chunk)));

        var chunks = seen.OrderBy(c => c.Chunk).ToList();
        chunks.Count.ShouldBe(StepChunks.CountFor(count));
        for (var i = 0; i < chunks.Count; i++)
        {
            chunks[i].ShouldBe((i * StepChunks.ChunkSize, Math.Min(count, (i + 1) * StepChunks.ChunkSize), i));
        }
    }

    [Fact]
    public void Run_FewItems_RunsOnTheCallingThread()
    {
        var caller = Environment.CurrentManagedThreadId;
        var threads = new List<int>();

        StepChunks.Run(StepChunks.MinParallelCount - 1, (_, _, _) => threads.Add(Environment.CurrentManagedThreadId));

        threads.ShouldAllBe(t => t == caller);
        threads.Count.ShouldBe(StepChunks.CountFor(StepChunks.MinParallelCount - 1));
    }

    [Fact]
    public void Run_ChunkThrows_RethrowsTheSameException()
    {
        var thrown = Should.Throw<InvalidOperationException>(() => StepChunks.Run(StepChunks.MinParallelCount * 4, (first, _, _) =>
        {
            if (first >= StepChunks.MinParallelCount)
            {
                throw new InvalidOperationException("chunk failed");
            }
        }));

        thrown.Message.ShouldBe("chunk failed");
    }

    [Theory]
    [InlineData(StepChunks.MinParallelCount - 1, 2, null, 0)]
    [InlineData(StepChunks.MinParallelCount, 2, null, 1)]
    [InlineData(StepChunks.MinParallelCount * 100, 8, null, 7)]
    [InlineData(StepChunks.MinParallelCount * 100, 1, null, 0)]
    [InlineData(StepChunks.MinParallelCount * 100, 2, "0", 0)]
    [InlineData(StepChunks.MinParallelCount * 100, 2, "1", 1)]
    public void HelpersFor_CountCoresAndSwitch_UsesTheOtherCoresOnlyForLargeWork(int count, int processors, string? setting, int expected) =>
        StepChunks.HelpersFor(count, processors, setting).ShouldBe(expected);
}
