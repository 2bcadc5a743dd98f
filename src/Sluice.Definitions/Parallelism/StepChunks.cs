using System.Runtime.ExceptionServices;

namespace Sluice.Definitions.Parallelism;

/// <summary>
/// Runs work over the steps of a large definition on the machine's other cores as well, in chunks of consecutive
/// steps that each write only to their own slot, so the caller can merge the results in document order and get
/// exactly what a single thread would have produced. Small definitions run on the calling thread alone.
/// </summary>
internal sealed class StepChunks
{
    /// <summary>Steps per chunk: enough to keep the hand-out cheap, few enough to share the tail of the work evenly.</summary>
    internal const int ChunkSize = 64;

    /// <summary>Below this many items the work runs on the calling thread: starting a helper would cost more than it saves.</summary>
    internal const int MinParallelCount = 512;

    private readonly int _count;
    private readonly Action<int, int, int> _body;
    private readonly Task[] _helpers;
    private int _next = -1;
    private int _failed;
    private ExceptionDispatchInfo? _failure;

    private StepChunks(int count, Action<int, int, int> body, int helpers)
    {
        _count = count;
        _body = body;
        _helpers = new Task[helpers];
        for (var i = 0; i < helpers; i++)
        {
            _helpers[i] = Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);
        }
    }

    /// <summary>How many chunks <paramref name="count"/> items make: the size of the caller's array of per-chunk results.</summary>
    /// <param name="count">The number of items.</param>
    /// <returns>The number of chunks.</returns>
    public static int CountFor(int count) => (count + ChunkSize - 1) / ChunkSize;

    /// <summary>
    /// Starts running <paramref name="body"/> over every chunk of <paramref name="count"/> items on the other cores;
    /// <see cref="Join"/> makes the calling thread take the chunks left and waits for the rest. Each chunk runs once,
    /// with its first item, the item after its last, and its index.
    /// </summary>
    /// <param name="count">The number of items.</param>
    /// <param name="body">The work for one chunk: (first item, end, chunk index). It must touch only that chunk's results.</param>
    /// <returns>The running work.</returns>
    public static StepChunks Start(int count, Action<int, int, int> body) =>
        new(count, body, HelpersFor(count, Environment.ProcessorCount, Environment.GetEnvironmentVariable(SwitchVariable)));

    /// <summary>
    /// The environment variable that turns the other cores off for this work when set to <c>0</c> (everything then runs
    /// on the calling thread, as before): for comparing the two on a given machine without a rebuild.
    /// </summary>
    public const string SwitchVariable = "SLUICE_VALIDATE_PARALLEL";

    /// <summary>How many helper threads work on <paramref name="count"/> items besides the caller.</summary>
    /// <param name="count">The number of items.</param>
    /// <param name="processors">The number of cores.</param>
    /// <param name="setting">The value of <see cref="SwitchVariable"/>, if set.</param>
    /// <returns>Zero for small work, one core, or the switch at <c>0</c>; otherwise one per other core, at most one per chunk after the first.</returns>
    internal static int HelpersFor(int count, int processors, string? setting) =>
        count < MinParallelCount || setting == "0" ? 0 : Math.Max(0, Math.Min(processors - 1, CountFor(count) - 1));

    /// <summary>Runs <paramref name="body"/> over every chunk, on this thread and the other cores, and returns when all are done.</summary>
    /// <param name="count">The number of items.</param>
    /// <param name="body">The work for one chunk: (first item, end, chunk index).</param>
    public static void Run(int count, Action<int, int, int> body) => Start(count, body).Join();

    /// <summary>Takes the chunks no core has started, waits for those running, and rethrows the first failure as it was thrown.</summary>
    public void Join()
    {
        Work();
        foreach (var helper in _helpers)
        {
            helper.Wait();
        }

        _failure?.Throw();
    }

    private void Work()
    {
        try
        {
            int chunk;
            while (Volatile.Read(ref _failed) == 0 && (chunk = Interlocked.Increment(ref _next)) < CountFor(_count))
            {
                var first = chunk * ChunkSize;
                _body(first, Math.Min(_count, first + ChunkSize), chunk);
            }
        }
#pragma warning disable CA1031 // Any failure is rethrown to the caller by Join, unchanged.
        catch (Exception e)
#pragma warning restore CA1031
        {
            if (Interlocked.Exchange(ref _failed, 1) == 0)
            {
                _failure = ExceptionDispatchInfo.Capture(e);
            }
        }
    }
}
