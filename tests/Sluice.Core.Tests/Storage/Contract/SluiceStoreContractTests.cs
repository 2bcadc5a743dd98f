using Sluice.Core.Storage;
using static Sluice.Core.Tests.Storage.StoreTestData;

namespace Sluice.Core.Tests.Storage.Contract;

/// <summary>
/// What every state backend promises, written against <see cref="ISluiceStore"/> only. A backend runs it by
/// subclassing this class and saying how to open a store over a fresh, empty backend of its own for each test
/// (<see cref="CreateStoreAsync"/>) and how to remove that backend afterwards (<see cref="DeleteBackendAsync"/>);
/// backend-specific tests (schema, file settings, how writes are committed) live in the subclass.
/// Each test has its own backend; times are fixed. Split by role: .Pipelines and .Lifecycle (pipelines and the writes
/// that decide), .Executions (with steps), .Paging, .Callbacks, .Queues, .Cache, .Registry, .Jobs (with
/// ClientRequestTokens) and .Concurrency (several stores over one backend, as several processes or servers are).
/// </summary>
public abstract partial class SluiceStoreContractTests : IAsyncLifetime
{
    private readonly List<ISluiceStore> opened = [];

    /// <summary>The store the test works with, opened before it starts.</summary>
    protected ISluiceStore Store { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => Store = await OpenStoreAsync();

    public async ValueTask DisposeAsync()
    {
        BeforeStoresDisposed();
        foreach (var each in opened)
        {
            await each.DisposeAsync();
        }

        await DeleteBackendAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task InitializeAsync_ReopenedFile_KeepsData()
    {
        await Store.AddPipelineVersionAsync(NewPipeline("p"), Ct);
        await Store.CreateExecutionAsync(NewExecution("p", "e1"), Ct);
        await Store.DisposeAsync();

        var reopened = await OpenStoreAsync();

        (await reopened.GetPipelineAsync("p", null, Ct)).ShouldNotBeNull().Version.ShouldBe(1);
        (await reopened.GetExecutionAsync(ExecutionArn("p", "e1"), Ct)).ShouldNotBeNull();
    }

    [Fact]
    public async Task DisposeAsync_Twice_IsHarmlessAndLaterCallsThrow()
    {
        await Store.DisposeAsync();
        await Store.DisposeAsync();

        await Should.ThrowAsync<ObjectDisposedException>(() => Store.GetPipelineAsync("p", null, Ct));
        await Should.ThrowAsync<ObjectDisposedException>(() => Store.AddPipelineVersionAsync(NewPipeline("p"), Ct));
    }

    [Fact]
    public async Task SecondStore_SameFile_SeesTheFirstStoresWrites()
    {
        var other = await OpenStoreAsync();

        await Store.AddPipelineVersionAsync(NewPipeline("p"), Ct);
        await Store.CreateExecutionAsync(NewExecution("p", "e1"), Ct);
        await Store.CreateCallbackAsync(NewCallback("tok", ExecutionArn("p", "e1")), Ct);
        (await other.CompleteCallbackAsync("tok", CallbackStatus.Succeeded, "[]", null, Ct)).ShouldNotBeNull();
        await other.SendMessageAsync("q", "hello", T0, Ct);

        (await other.GetPipelineAsync("p", null, Ct)).ShouldNotBeNull();
        (await Store.GetCallbackAsync("tok", Ct)).ShouldNotBeNull().Status.ShouldBe(CallbackStatus.Succeeded);
        (await Store.ReceiveMessagesAsync("q", 10, TimeSpan.FromSeconds(30), T0, Ct)).Single().Body.ShouldBe("hello");
    }

    [Fact]
    public async Task Times_SubMillisecondAndOffset_RoundTripToTheTickInUtc()
    {
        var time = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)).AddTicks(1_234_567);
        await Store.AddPipelineVersionAsync(NewPipeline("p", time), Ct);

        var stored = (await Store.GetPipelineAsync("p", null, Ct)).ShouldNotBeNull();

        stored.CreationTime.UtcTicks.ShouldBe(time.UtcTicks);
        stored.CreationTime.Offset.ShouldBe(TimeSpan.Zero);
    }

    /// <summary>
    /// Opens and initialises a store over this test's backend, created empty on the first call. Every call is another
    /// instance over the same state, as another process or server would open it.
    /// </summary>
    protected abstract Task<ISluiceStore> CreateStoreAsync();

    /// <summary>Removes this test's backend (its folder, database or schema) once every store over it is disposed.</summary>
    protected abstract ValueTask DeleteBackendAsync();

    /// <summary>
    /// Asserts that a write is refused by the backend's integrity rules (a duplicate key, a reference to nothing):
    /// the call throws the backend's own error, and the contract tests then check that nothing of it was stored.
    /// </summary>
    protected abstract Task ShouldRefuseAsync(Func<Task> write);

    /// <summary>Runs first when a test ends, before its stores are disposed (to release anything a test left holding one).</summary>
    protected virtual void BeforeStoresDisposed()
    {
    }

    /// <summary>Opens another store over this test's backend (see <see cref="CreateStoreAsync"/>), disposed when the test ends.</summary>
    protected async Task<ISluiceStore> OpenStoreAsync() => Track(await CreateStoreAsync());

    /// <summary>Disposes <paramref name="created"/> when the test ends.</summary>
    protected T Track<T>(T created)
        where T : ISluiceStore
    {
        opened.Add(created);
        return created;
    }

    /// <summary>
    /// Compares every field; <see cref="ExecutionRecord.Parameters"/> is a list, which record equality compares by reference.
    /// </summary>
    protected static void ShouldMatch(ExecutionRecord actual, ExecutionRecord expected)
    {
        actual.Parameters.ShouldBe(expected.Parameters);
        (actual with { Parameters = expected.Parameters }).ShouldBe(expected);
    }

    /// <summary>Stores an execution of pipeline p (which need not exist) and returns its ARN.</summary>
    protected async Task<string> CreateExecutionAsync(string id = "e")
    {
        var execution = NewExecution("p", id);
        await Store.CreateExecutionAsync(execution, Ct);
        return execution.Arn;
    }
}
