namespace Sluice.Bench.LoadGen;

/// <summary>What one connection's measured requests came to; read only after its thread has ended.</summary>
internal sealed class WorkerOutcome
{
    /// <summary>Latency from the due time (ns) of each answered request, then of each unsent one (a lower bound).</summary>
    public List<long> Latencies { get; } = [];

    /// <summary>Time from the actual send to the end of the response (ns), answered requests only.</summary>
    public List<long> ServiceTimes { get; } = [];

    /// <summary>Answered requests whose status was not 2xx.</summary>
    public int NotSuccessful { get; private set; }

    /// <summary>Requests that got no complete response (connection error or timeout).</summary>
    public int Failures { get; private set; }

    /// <summary>Requests still behind the schedule when the grace period ended.</summary>
    public int NotSent { get; private set; }

    /// <summary>The first failure's reason, if any.</summary>
    public string? FirstFailure { get; private set; }

    /// <summary>Connections opened (one, unless the server closed them or they failed).</summary>
    public int Connects { get; set; }

    /// <summary>Records an answered request.</summary>
    public void Answered(long latency, long serviceTime, int status)
    {
        Latencies.Add(latency);
        ServiceTimes.Add(serviceTime);
        if (status is < 200 or > 299)
        {
            NotSuccessful++;
        }
    }

    /// <summary>Records a request that failed.</summary>
    public void Failed(string reason)
    {
        Failures++;
        FirstFailure ??= reason;
    }

    /// <summary>Records a request never sent; <paramref name="waited"/> is how long it had been due.</summary>
    public void Unsent(long waited)
    {
        NotSent++;
        Latencies.Add(waited);
    }
}
