using System.CommandLine;
using System.Globalization;
using Sluice.Core.Storage;

namespace Sluice.Cli.Commands;

/// <summary>
/// <c>sluice servers</c>: the servers sharing a PostgreSQL store, their last heartbeats and the executions each holds
/// the lease of. With the SQLite store there is one process and nothing to list.
/// </summary>
internal static class ServersCommand
{
    public static Command Create(CliIo io)
    {
        var data = CommonOptions.Data();
        var config = CommonOptions.Config();
        var store = new Option<string?>("--store") { Description = "The store to read instead of sluice.yaml's store:.", HelpName = "STORE" };
        var command = new Command("servers", "List the servers sharing the store (PostgreSQL), their last heartbeat and the executions each advances.") { data, config, store };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var host = await EngineHost.OpenStoreAsync(io, parseResult.GetValue(data)!, parseResult.GetValue(config), cancellationToken, parseResult.GetValue(store));
            if (host is null)
            {
                return ExitCodes.Usage;
            }

            if (host.Store is not IExecutionLeaseStore leases)
            {
                await io.Error.WriteLineAsync($"sluice: the store is {host.Configuration.Store}: one process runs executions, there are no servers to list.");
                return ExitCodes.Success;
            }

            var servers = await leases.ListServersAsync(cancellationToken);
            var held = (await leases.ListLeasesAsync(cancellationToken)).ToLookup(l => l.Owner, StringComparer.Ordinal);
            if (servers.Count == 0)
            {
                await io.Error.WriteLineAsync("sluice: no server has sent a heartbeat to this store yet.");
                return ExitCodes.Success;
            }

            var now = DateTimeOffset.UtcNow;
            await io.Out.WriteLineAsync($"{"SERVER",-48} {"HOST",-20} {"LAST HEARTBEAT (UTC)",-20} {"AGO",8} EXECUTIONS");
            foreach (var server in servers)
            {
                var ago = (now - server.HeartbeatAt).TotalSeconds.ToString("F0", CultureInfo.InvariantCulture) + " s";
                await io.Out.WriteLineAsync(
                    $"{server.Id,-48} {server.Host,-20} {server.HeartbeatAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),-20} {ago,8} {held[server.Id].Count()}");
                foreach (var lease in held[server.Id])
                {
                    await io.Out.WriteLineAsync($"  {lease.ExecutionArn} (fence {lease.Fence}, lease until {lease.ExpiresAt.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)})");
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
