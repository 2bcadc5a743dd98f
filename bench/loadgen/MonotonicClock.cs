using System.Runtime.InteropServices;

namespace Sluice.Bench.LoadGen;

/// <summary>
/// The kernel's monotonic clock in nanoseconds, and sleeping until an absolute point on it. The schedule needs
/// sub-millisecond wake-ups: <see cref="Thread.Sleep(TimeSpan)"/> and timers round to whole milliseconds, which at
/// 200 requests per second per connection would be a fifth of the interval.
/// </summary>
internal static partial class MonotonicClock
{
    private const int ClockMonotonic = 1;
    private const int TimerAbsoluteTime = 1;
    private const int Interrupted = 4; // EINTR

    /// <summary>Now, in nanoseconds since an arbitrary point (CLOCK_MONOTONIC).</summary>
    public static long Now()
    {
        if (clock_gettime(ClockMonotonic, out var now) != 0)
        {
            throw new InvalidOperationException($"clock_gettime failed (errno {Marshal.GetLastPInvokeError()}).");
        }

        return (now.Seconds * 1_000_000_000L) + now.Nanoseconds;
    }

    /// <summary>Blocks the calling thread until <paramref name="deadline"/> (a value of <see cref="Now"/>); returns at
    /// once if it has passed.</summary>
    public static void SleepUntil(long deadline)
    {
        var target = new TimeSpec(deadline / 1_000_000_000L, deadline % 1_000_000_000L);
        int error;
        while ((error = clock_nanosleep(ClockMonotonic, TimerAbsoluteTime, in target, IntPtr.Zero)) == Interrupted)
        {
        }

        if (error != 0)
        {
            throw new InvalidOperationException($"clock_nanosleep failed (errno {error}).");
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct TimeSpec(long Seconds, long Nanoseconds);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int clock_gettime(int clock, out TimeSpec time);

    // Returns the error number itself instead of setting errno.
    [LibraryImport("libc")]
    private static partial int clock_nanosleep(int clock, int flags, in TimeSpec request, IntPtr remaining);
}
