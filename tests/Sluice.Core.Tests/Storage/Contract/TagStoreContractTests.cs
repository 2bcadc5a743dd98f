using Sluice.Core.Storage;

namespace Sluice.Core.Tests.Storage.Contract;

/// <summary>
/// The <see cref="ITagStore"/> contract: a backend that keeps tags subclasses this with how to open a store over a fresh
/// backend (each call another instance over the same state, as another server would).
/// </summary>
public abstract class TagStoreContractTests : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> opened = [];

    private const string Pipeline = "arn:aws:sagemaker:us-east-1:000000000000:pipeline/p";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ITagStore Tags { get; set; } = null!;

    public async ValueTask InitializeAsync() => Tags = await OpenAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var each in opened)
        {
            await each.DisposeAsync();
        }

        await DeleteBackendAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task AddTagsAsync_NewAndExistingKeys_AddsAndReplacesOrderedByKey()
    {
        await Tags.AddTagsAsync(Pipeline, [new("team", "a"), new("cost-center", "42")], Ct);

        await Tags.AddTagsAsync(Pipeline, [new("team", "b"), new("env", "")], Ct);

        (await Tags.ListTagsAsync(Pipeline, Ct)).ShouldBe([new("cost-center", "42"), new("env", ""), new("team", "b")]);
    }

    [Fact]
    public async Task ListTagsAsync_OtherResource_KeepsTagsApart()
    {
        await Tags.AddTagsAsync(Pipeline, [new("team", "a")], Ct);

        (await Tags.ListTagsAsync(Pipeline + "2", Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task DeleteTagsAsync_KnownAndUnknownKeys_RemovesTheKnownOnes()
    {
        await Tags.AddTagsAsync(Pipeline, [new("a", "1"), new("b", "2"), new("c", "3")], Ct);

        await Tags.DeleteTagsAsync(Pipeline, ["a", "c", "never-there"], Ct);

        (await Tags.ListTagsAsync(Pipeline, Ct)).ShouldBe([new("b", "2")]);
    }

    [Fact]
    public async Task AddTagsAsync_SecondStoreOverTheSameBackend_SeesTheTags()
    {
        var other = await OpenAsync();

        await Tags.AddTagsAsync(Pipeline, [new("k", "v")], Ct);

        (await other.ListTagsAsync(Pipeline, Ct)).ShouldBe([new("k", "v")]);
    }

    /// <summary>A store over the test's backend (created empty on the first call).</summary>
    protected abstract Task<ITagStore> CreateTagStoreAsync();

    /// <summary>Removes the test's backend.</summary>
    protected abstract ValueTask DeleteBackendAsync();

    private async Task<ITagStore> OpenAsync()
    {
        var store = await CreateTagStoreAsync();
        if (store is IAsyncDisposable disposable)
        {
            opened.Add(disposable);
        }

        return store;
    }
}
