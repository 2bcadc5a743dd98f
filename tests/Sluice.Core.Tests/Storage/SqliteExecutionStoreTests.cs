using Microsoft.Data.Sqlite;
using Sluice.Core.Storage;
using Sluice.Core.Storage.Sqlite;
using Sluice.Core.Tests.Storage.Contract;
using static Sluice.Core.Tests.Storage.StoreTestData;

namespace Sluice.Core.Tests.Storage;

/// <summary>
/// The SQLite store: the contract every backend meets (<see cref="SluiceStoreContractTests"/>), over a data directory
/// of its own per test, and what is SQLite's alone: the file, its settings and migrations (this file and .Migrations)
/// and the group commit (.GroupCommit).
/// </summary>
public sealed partial class SqliteExecutionStoreTests : SluiceStoreContractTests
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "sluice-store-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The test's store as what it is, for what only SQLite has (its write loop, its connections).</summary>
    private SqliteExecutionStore Sqlite => (SqliteExecutionStore)Store;

    protected override async Task<ISluiceStore> CreateStoreAsync()
    {
        var created = new SqliteExecutionStore(dataDirectory);
        await created.InitializeAsync(Ct);
        return created;
    }

    protected override ValueTask DeleteBackendAsync()
    {
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    protected override Task ShouldRefuseAsync(Func<Task> write) => Should.ThrowAsync<SqliteException>(write);

    protected override void BeforeStoresDisposed()
    {
        foreach (var gate in openGates)
        {
            gate.TrySetResult(); // a writer held by a failed group-commit test
        }
    }

    [Fact]
    public void Constructor_MissingDirectory_CreatesItAndNamesTheFile()
    {
        var nested = Path.Combine(dataDirectory, "a", "b");
        var other = Track(new SqliteExecutionStore(nested));

        Directory.Exists(nested).ShouldBeTrue();
        other.DatabasePath.ShouldBe(Path.Combine(nested, "sluice.db"));
    }

    [Fact]
    public async Task InitializeAsync_NewFile_UsesWalAndRecordsSchemaVersion()
    {
        File.Exists(Path.Combine(dataDirectory, "sluice.db")).ShouldBeTrue();
        await using var connection = await OpenRawAsync();

        (await ScalarAsync<string>(connection, "PRAGMA journal_mode;")).ShouldBe("wal");
        (await ScalarAsync<long>(connection, "SELECT MAX(version) FROM schema_version;")).ShouldBe(SqliteMigrations.CurrentVersion);
        (await ScalarAsync<long>(connection, "SELECT COUNT(*) FROM schema_version;")).ShouldBe(SqliteMigrations.CurrentVersion);
    }

    [Fact]
    public async Task InitializeAsync_AnyConnection_RunsWalFullSyncBusyTimeoutAndForeignKeys() =>
        (await Sqlite.ReadConnectionSettingsAsync(Ct)).ShouldBe(("wal", 2L, 10_000L, 1L));

    [Fact]
    public async Task InitializeAsync_NormalDurability_RunsSynchronousNormal()
    {
        await using var normal = new SqliteExecutionStore(Path.Combine(dataDirectory, "normal"), StoreDurability.Normal);
        await normal.InitializeAsync(Ct);

        (await normal.ReadConnectionSettingsAsync(Ct)).ShouldBe(("wal", 1L, 10_000L, 1L));
    }

    [Fact]
    public async Task InitializeAsync_RunTwice_IsIdempotentAndKeepsData()
    {
        await Store.AddPipelineVersionAsync(NewPipeline("p"), Ct);

        await Store.InitializeAsync(Ct);
        await Store.InitializeAsync(Ct);

        (await Store.ListPipelinesAsync(Ct)).Count.ShouldBe(1);
        await using var connection = await OpenRawAsync();
        (await ScalarAsync<long>(connection, "SELECT COUNT(*) FROM schema_version;")).ShouldBe(SqliteMigrations.CurrentVersion);
    }

    [Fact]
    public async Task InitializeAsync_NewerSchemaOnDisk_ThrowsNamingBothVersions()
    {
        await using (var connection = await OpenRawAsync())
        {
            await ExecuteAsync(connection, "INSERT INTO schema_version (version, applied_time) VALUES (999, 'x');");
        }

        var newer = Track(new SqliteExecutionStore(dataDirectory));
        var error = await Should.ThrowAsync<InvalidOperationException>(() => newer.InitializeAsync(Ct));

        error.Message.ShouldContain("schema version 999");
        error.Message.ShouldContain($"up to {SqliteMigrations.CurrentVersion}");
        error.Message.ShouldContain(newer.DatabasePath);
    }

    private static async Task<T> ScalarAsync<T>(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)(await command.ExecuteScalarAsync(Ct))!;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }

    /// <summary>A connection of the test's own to the store's file (or another), outside any pool.</summary>
    private async Task<SqliteConnection> OpenRawAsync(string? path = null)
    {
        path ??= Path.Combine(dataDirectory, SqliteExecutionStore.FileName);
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync(Ct);
        return connection;
    }
}
