using Sluice.Core.Execution;

namespace Sluice.Core.Tests.Execution;

public sealed class CallbackWakeupsTests
{
    [Fact]
    public void Wake_BetweenArmAndWait_IsNotLost()
    {
        var wakeups = new CallbackWakeups();
        using var waiter = wakeups.Register("tok", "arn:e");
        var armed = waiter.Arm();

        wakeups.Wake("tok");

        armed.IsCompleted.ShouldBeTrue();
        waiter.Arm().IsCompleted.ShouldBeFalse(); // arming again waits for the next wake-up
    }

    [Fact]
    public void WakeExecution_OtherExecution_LeavesTheWaiterAsleep()
    {
        var wakeups = new CallbackWakeups();
        using var mine = wakeups.Register("tok", "arn:e1");
        using var other = wakeups.Register("tok2", "arn:e2");
        var armed = mine.Arm();
        var otherArmed = other.Arm();

        wakeups.WakeExecution("arn:e2");

        armed.IsCompleted.ShouldBeFalse();
        otherArmed.IsCompleted.ShouldBeTrue();
        wakeups.WakeAll();
        armed.IsCompleted.ShouldBeTrue();
    }

    [Fact]
    public void Dispose_Waiter_IsNoLongerCounted()
    {
        var wakeups = new CallbackWakeups();
        var waiter = wakeups.Register("tok", "arn:e");
        wakeups.WaiterCount.ShouldBe(1);

        waiter.Dispose();

        wakeups.WaiterCount.ShouldBe(0);
    }

    [Fact]
    public void WakeFile_WatchesOnlyWhileAStepWaits()
    {
        var data = Directory.CreateTempSubdirectory("sluice-wake-").FullName;
        try
        {
            var wakeups = new CallbackWakeups();
            using var file = new CallbackWakeFile(data, wakeups);
            file.Watching.ShouldBeFalse();

            var first = wakeups.Register("t1", "arn:e");
            var second = wakeups.Register("t2", "arn:e");
            file.Watching.ShouldBeTrue();
            first.Dispose();
            file.Watching.ShouldBeTrue();
            second.Dispose();

            file.Watching.ShouldBeFalse();
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
