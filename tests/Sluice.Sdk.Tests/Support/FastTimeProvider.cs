namespace Sluice.Sdk.Tests.Support;

/// <summary>
/// The system clock with timers that fire <see cref="Speed"/> times sooner, so that waits of seconds take milliseconds;
/// it keeps every due time asked for, to show the waits a caller made.
/// </summary>
/// <param name="speed">How many times faster timers fire.</param>
internal sealed class FastTimeProvider(double speed = 1000) : TimeProvider
{
    private readonly List<TimeSpan> _dueTimes = [];

    public double Speed { get; } = speed;

    /// <summary>Each timer's due time as asked for (before speeding up), in order.</summary>
    public IReadOnlyList<TimeSpan> DueTimes
    {
        get
        {
            lock (_dueTimes)
            {
                return [.. _dueTimes];
            }
        }
    }

    /// <summary>Called with each due time as a timer is made.</summary>
    public Action<TimeSpan>? OnTimer { get; set; }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (_dueTimes)
        {
            _dueTimes.Add(dueTime);
        }

        OnTimer?.Invoke(dueTime);
        return System.CreateTimer(callback, state, Scale(dueTime), Scale(period));
    }

    private TimeSpan Scale(TimeSpan span) => span == Timeout.InfiniteTimeSpan ? span : span / Speed;
}
