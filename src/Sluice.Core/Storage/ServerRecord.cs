namespace Sluice.Core.Storage;

/// <summary>A server (an engine) sharing the store, as its heartbeats record it.</summary>
/// <param name="Id">Its lease owner id: host, process id and a random suffix.</param>
/// <param name="Host">The host it runs on.</param>
/// <param name="StartedAt">Its first heartbeat.</param>
/// <param name="HeartbeatAt">Its latest heartbeat.</param>
public sealed record ServerRecord(string Id, string Host, DateTimeOffset StartedAt, DateTimeOffset HeartbeatAt);
