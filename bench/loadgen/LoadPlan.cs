using System.Net;

namespace Sluice.Bench.LoadGen;

/// <summary>What to send and when: <see cref="Rate"/> requests per second for <see cref="Warmup"/> (not measured), then
/// for <see cref="Duration"/> (measured), spread over <see cref="Connections"/> connections.</summary>
/// <param name="Endpoint">The server: a loopback address and port.</param>
/// <param name="Request">The request to send.</param>
/// <param name="Rate">Requests per second, all connections together.</param>
/// <param name="Warmup">How long to send before measuring.</param>
/// <param name="Duration">How long to measure.</param>
/// <param name="Connections">Connections, each on a thread of its own, taking every Nth request of the schedule.</param>
/// <param name="Timeout">How long one response may take before the request counts as failed.</param>
/// <param name="Grace">How long after the schedule's end requests still behind it may go on; what is unsent then
/// counts as unsent, with the time it had waited until then as its latency (a lower bound).</param>
internal sealed record LoadPlan(
    IPEndPoint Endpoint,
    RequestTemplate Request,
    double Rate,
    TimeSpan Warmup,
    TimeSpan Duration,
    int Connections,
    TimeSpan Timeout,
    TimeSpan Grace);
