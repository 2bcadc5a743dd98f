namespace Sluice.Bench.LoadGen;

/// <summary>
/// Sends the plan's schedule: request <c>i</c> is due at <c>start + i / rate</c> and goes out on connection
/// <c>i mod connections</c> (a thread of its own) when it is due or, if that connection is still busy with earlier
/// requests, as soon as it is free. Latency runs from the due time to the end of the response, so time a request
/// spent waiting behind a slow one counts: the fixed-rate, coordinated-omission-corrected measure of wrk2 and
/// HdrHistogram. Service time (from the actual send) is kept beside it.
/// </summary>
internal static class OpenLoopRunner
{
    /// <summary>Runs the plan and returns what the measured window saw.</summary>
    public static LoadReport Run(LoadPlan plan)
    {
        var interval = 1_000_000_000d / plan.Rate;
        var start = MonotonicClock.Now() + 50_000_000; // every thread up and waiting before the first request is due
        var measureFrom = start + plan.Warmup.Ticks * 100;
        var end = measureFrom + plan.Duration.Ticks * 100;
        var deadline = end + plan.Grace.Ticks * 100;
        var workers = Enumerable.Range(0, plan.Connections)
            .Select(index => new Worker(plan, index, start, interval, measureFrom, end, deadline))
            .ToArray();
        var threads = workers.Select(worker => new Thread(worker.Run) { IsBackground = true, Name = "loadgen" }).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        return LoadReport.From(plan, workers.Select(worker => worker.Outcome).ToArray());
    }

    private sealed class Worker(LoadPlan plan, int index, long start, double interval, long measureFrom, long end, long deadline)
    {
        public WorkerOutcome Outcome { get; } = new();

        public void Run()
        {
            using var connection = new HttpConnection(plan.Endpoint, plan.Timeout);
            for (long i = index; ; i += plan.Connections)
            {
                var due = start + (long)(i * interval);
                if (due >= end)
                {
                    break;
                }

                var measured = due >= measureFrom;
                if (MonotonicClock.Now() >= deadline)
                {
                    if (measured)
                    {
                        Outcome.Unsent(deadline - due);
                    }

                    continue;
                }

                MonotonicClock.SleepUntil(due);
                var request = plan.Request.For(i);
                var sent = MonotonicClock.Now();
                try
                {
                    var status = connection.Exchange(request);
                    var done = MonotonicClock.Now();
                    if (measured)
                    {
                        Outcome.Answered(done - due, done - sent, status);
                    }
                }
                catch (IOException error)
                {
                    if (measured)
                    {
                        Outcome.Failed(error.Message);
                    }
                }
            }

            Outcome.Connects = connection.Connects;
        }
    }
}
