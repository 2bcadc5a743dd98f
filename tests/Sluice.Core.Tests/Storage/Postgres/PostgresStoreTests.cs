using Npgsql;
using Sluice.Core.Storage;
using Sluice.Core.Storage.Postgres;
using Sluice.Core.Tests.Storage.Contract;
using static Sluice.Core.Tests.Storage.StoreTestData;

namespace Sluice.Core.Tests.Storage.Postgres;

/// <summary>
/// The PostgreSQL store: the contract every backend meets (<see cref="SluiceStoreContractTests"/>), each test in a schema
/// of its own on the assembly's private cluster (<see cref="PostgresCluster"/>), and what is PostgreSQL's alone:
/// migrations under several servers starting at once.
/// </summary>
/// <param name="cluster">The assembly's PostgreSQL cluster.</param>
public sealed class PostgresStoreTests(PostgresCluster cluster) : SluiceStoreContractTests
{
    private readonly string schema = "t_" + Guid.NewGuid().ToString("N");
    private string? connectionString;

    [Fact]
    public async Task InitializeAsync_NewSchema_RecordsEveryMigration()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT COUNT(*), MAX(version) FROM sluice_schema_version;", connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        (await reader.ReadAsync(Ct)).ShouldBeTrue();
        reader.GetInt64(0).ShouldBe(PostgresMigrations.CurrentVersion);
        reader.GetInt64(1).ShouldBe(PostgresMigrations.CurrentVersion);
    }

    [Fact]
    public async Task InitializeAsync_EightServersAtOnce_MigrateOnceAndAllWork()
    {
        await cluster.DropSchemaAsync(schema);
        await cluster.ExecuteAsync($"CREATE SCHEMA {schema};");

        var stores = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(OpenStoreAsync)));

        (await ((PostgresStore)stores[0]).ReadSchemaVersionAsync(Ct)).ShouldBe(PostgresMigrations.CurrentVersion);
        await Task.WhenAll(stores.Select((store, i) => store.CreateQueueAsync($"q{i}", T0, Ct)));
        (await stores[7].ListQueuesAsync(Ct)).Count.ShouldBe(8);
    }

    [Fact]
    public async Task InitializeAsync_NewerSchemaInDatabase_RefusesNamingTheVersions()
    {
        await cluster.ExecuteAsync($"INSERT INTO {schema}.sluice_schema_version VALUES (999, 'x');");

        var refused = await Should.ThrowAsync<InvalidOperationException>(() => Store.InitializeAsync(Ct));

        refused.Message.ShouldContain("schema version 999");
    }

    protected override async Task<ISluiceStore> CreateStoreAsync()
    {
        if (connectionString is null)
        {
            await cluster.StartAsync();
            connectionString = await cluster.CreateSchemaAsync(schema);
        }

        var store = new PostgresStore(connectionString);
        await store.InitializeAsync(Ct);
        return store;
    }

    protected override async ValueTask DeleteBackendAsync()
    {
        if (connectionString is not null)
        {
            await cluster.DropSchemaAsync(schema);
        }
    }

    protected override Task ShouldRefuseAsync(Func<Task> write) => Should.ThrowAsync<PostgresException>(write);
}
