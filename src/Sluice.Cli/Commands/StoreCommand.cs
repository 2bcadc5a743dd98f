using System.CommandLine;
using Sluice.Core.Hosting;

namespace Sluice.Cli.Commands;

/// <summary>
/// <c>sluice store migrate</c>: creates the store's schema or brings it to this version's, then exits, so that an
/// operator can migrate a shared PostgreSQL database once before rolling out servers (servers also migrate at start;
/// several starting at once take turns under an advisory lock).
/// </summary>
internal static class StoreCommand
{
    public static Command Create(CliIo io)
    {
        var data = CommonOptions.Data();
        var config = CommonOptions.Config();
        var store = new Option<string?>("--store") { Description = "The store to migrate instead of sluice.yaml's store:.", HelpName = "STORE" };
        var migrate = new Command("migrate", "Create the store's schema, or migrate it to this version of Sluice, and exit.") { data, config, store };
        migrate.SetAction(async (parseResult, cancellationToken) =>
        {
            string backend;
            try
            {
                await using var opened = await EngineHost.OpenStoreAsync(io, parseResult.GetValue(data)!, parseResult.GetValue(config), cancellationToken, parseResult.GetValue(store));
                if (opened is null)
                {
                    return ExitCodes.Usage;
                }

                backend = opened.Configuration.Store;
            }
            catch (InvalidOperationException e)
            {
                await io.Error.WriteLineAsync($"sluice: {e.Message}");
                return ExitCodes.Invalid;
            }

            await io.Out.WriteLineAsync($"The {backend} store is at schema version {StoreBackends.SchemaVersion(backend)}.");
            return ExitCodes.Success;
        });
        return new Command("store", "Manage the state store.") { migrate };
    }
}
