using Microsoft.Data.Sqlite;
using Sluice.Core.Storage;
using Sluice.Core.Storage.Sqlite;
using static Sluice.Core.Tests.Storage.StoreTestData;

namespace Sluice.Core.Tests.Storage;

/// <summary>
/// The SQLite store against its contract. Each test has its own data directory, deleted afterwards; times are fixed.
/// Split by concern: this file (schema, lifetime, helpers), .Pipelines, .Executions (with steps), .Callbacks, .Queues,
/// .Cache and .Concurrency.
/// </summary>
public sealed partial class SqliteExecutionStoreTests : IAsyncLifetime
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "sluice-store-tests", Guid.NewGuid().ToString("N"));
    private readonly List<SqliteExecutionStore> stores = [];
    private SqliteExecutionStore store = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => store = await OpenStoreAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var gate in openGates)
        {
            gate.TrySetResult(); // a writer held by a failed group-commit test
        }

        foreach (var opened in stores)
        {
            await opened.DisposeAsync();
        }

        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public void Constructor_MissingDirectory_CreatesItAndNamesTheFile()
    {
        var nested = Path.Combine(dataDirectory, "a", "b");
        var other = new SqliteExecutionStore(nested);
        stores.Add(other);

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
        (await store.ReadConnectionSettingsAsync(Ct)).ShouldBe(("wal", 2L, 10_000L, 1L));

    [Fact]
    public async Task InitializeAsync_RunTwice_IsIdempotentAndKeepsData()
    {
        await store.AddPipelineVersionAsync(NewPipeline("p"), Ct);

        await store.InitializeAsync(Ct);
        await store.InitializeAsync(Ct);

        (await store.ListPipelinesAsync(Ct)).Count.ShouldBe(1);
        await using var connection = await OpenRawAsync();
        (await ScalarAsync<long>(connection, "SELECT COUNT(*) FROM schema_version;")).ShouldBe(SqliteMigrations.CurrentVersion);
    }

    [Fact]
    public async Task InitializeAsync_ReopenedFile_KeepsData()
    {
        await store.AddPipelineVersionAsync(NewPipeline("p"), Ct);
        await store.CreateExecutionAsync(NewExecution("p", "e1"), Ct);
        await store.DisposeAsync();

        var reopened = await OpenStoreAsync();

        (await reopened.GetPipelineAsync("p", null, Ct)).ShouldNotBeNull().Version.ShouldBe(1);
        (await reopened.GetExecutionAsync(ExecutionArn("p", "e1"), Ct)).ShouldNotBeNull();
    }

    [Fact]
    public async Task InitializeAsync_NewerSchemaOnDisk_ThrowsNamingBothVersions()
    {
        await using (var connection = await OpenRawAsync())
        {
            await ExecuteAsync(connection, "INSERT INTO schema_version (version, applied_time) VALUES (999, 'x');");
        }

        var newer = new SqliteExecutionStore(dataDirectory);
        stores.Add(newer);
        var error = await Should.ThrowAsync<InvalidOperationException>(() => newer.InitializeAsync(Ct));

        error.Message.ShouldContain("schema version 999");
        error.Message.ShouldContain($"up to {SqliteMigrations.CurrentVersion}");
        error.Message.ShouldContain(newer.DatabasePath);
    }

    [Fact]
    public async Task DisposeAsync_Twice_IsHarmlessAndLaterCallsThrow()
    {
        await store.DisposeAsync();
        await store.DisposeAsync();

        await Should.ThrowAsync<ObjectDisposedException>(() => store.GetPipelineAsync("p", null, Ct));
        await Should.ThrowAsync<ObjectDisposedException>(() => store.AddPipelineVersionAsync(NewPipeline("p"), Ct));
    }

    [Fact]
    public async Task SecondStore_SameFile_SeesTheFirstStoresWrites()
    {
        var other = await OpenStoreAsync();

        await store.AddPipelineVersionAsync(NewPipeline("p"), Ct);
        await store.CreateExecutionAsync(NewExecution("p", "e1"), Ct);
        await store.CreateCallbackAsync(NewCallback("tok", ExecutionArn("p", "e1")), Ct);
        (await other.CompleteCallbackAsync("tok", CallbackStatus.Succeeded, "[]", null, Ct)).ShouldNotBeNull();
        await other.SendMessageAsync("q", "hello", T0, Ct);

        (await other.GetPipelineAsync("p", null, Ct)).ShouldNotBeNull();
        (await store.GetCallbackAsync("tok", Ct)).ShouldNotBeNull().Status.ShouldBe(CallbackStatus.Succeeded);
        (await store.ReceiveMessagesAsync("q", 10, TimeSpan.FromSeconds(30), T0, Ct)).Single().Body.ShouldBe("hello");
    }

    [Fact]
    public async Task Times_SubMillisecondAndOffset_RoundTripToTheTickInUtc()
    {
        var time = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)).AddTicks(1_234_567);
        await store.AddPipelineVersionAsync(NewPipeline("p", time), Ct);

        var stored = (await store.GetPipelineAsync("p", null, Ct)).ShouldNotBeNull();

        stored.CreationTime.UtcTicks.ShouldBe(time.UtcTicks);
        stored.CreationTime.Offset.ShouldBe(TimeSpan.Zero);
    }

    /// <summary>
    /// Compares every field; <see cref="ExecutionRecord.Parameters"/> is a list, which record equality compares by reference.
    /// </summary>
    private static void ShouldMatch(ExecutionRecord actual, ExecutionRecord expected)
    {
        actual.Parameters.ShouldBe(expected.Parameters);
        (actual with { Parameters = expected.Parameters }).ShouldBe(expected);
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

    private async Task<SqliteExecutionStore> OpenStoreAsync()
    {
        var opened = new SqliteExecutionStore(dataDirectory);
        stores.Add(opened);
        await opened.InitializeAsync(Ct);
        return opened;
    }

    /// <summary>A connection of the test's own to the store's file (or another), outside any pool.</summary>
    private async Task<SqliteConnection> OpenRawAsync(string? path = null)
    {
        path ??= Path.Combine(dataDirectory, SqliteExecutionStore.FileName);
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync(Ct);
        return connection;
    }

    private async Task<string> CreateExecutionAsync(string id = "e")
    {
        var execution = NewExecution("p", id);
        await store.CreateExecutionAsync(execution, Ct);
        return execution.Arn;
    }
}
