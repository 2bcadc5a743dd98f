namespace Sluice.Concourse.Tests.Support;

/// <summary>
/// The system clock, except that every reading is at least a millisecond after the last: executions started one after
/// the other get distinct creation times on the wire (milliseconds), so "newest first" never depends on a tie.
/// </summary>
internal sealed class MonotonicClock : TimeProvider
{
    private readonly Lock _lock = new();
    private DateTimeOffset _last = DateTimeOffset.MinValue;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            var now = base.GetUtcNow();
            _last = now > _last.AddMilliseconds(1) ? now : _last.AddMilliseconds(1);
            return _last;
        }
    }
}
