using Sluice.Core.Storage;
using Sluice.Core.Storage.Postgres;
using Sluice.Core.Tests.Storage.Contract;

namespace Sluice.Core.Tests.Storage.Postgres;

/// <summary>The PostgreSQL store keeps the tag store contract, in a schema of its own on the assembly's cluster.</summary>
/// <param name="cluster">The assembly's PostgreSQL cluster.</param>
public sealed class PostgresTagStoreTests(PostgresCluster cluster) : TagStoreContractTests
{
    private readonly string schema = "t_" + Guid.NewGuid().ToString("N");
    private string? connectionString;

    protected override async Task<ITagStore> CreateTagStoreAsync()
    {
        if (connectionString is null)
        {
            await cluster.StartAsync();
            connectionString = await cluster.CreateSchemaAsync(schema);
        }

        var store = new PostgresStore(connectionString);
        await store.InitializeAsync(TestContext.Current.CancellationToken);
        return store;
    }

    protected override async ValueTask DeleteBackendAsync()
    {
        if (connectionString is not null)
        {
            await cluster.DropSchemaAsync(schema);
        }
    }
}
