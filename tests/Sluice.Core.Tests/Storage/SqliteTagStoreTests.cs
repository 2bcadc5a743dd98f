using Sluice.Core.Storage;
using Sluice.Core.Storage.Sqlite;
using Sluice.Core.Tests.Storage.Contract;

namespace Sluice.Core.Tests.Storage;

/// <summary>The SQLite store keeps the tag store contract.</summary>
public sealed class SqliteTagStoreTests : TagStoreContractTests
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "sluice-tag-tests", Guid.NewGuid().ToString("N"));

    protected override async Task<ITagStore> CreateTagStoreAsync()
    {
        var created = new SqliteExecutionStore(dataDirectory);
        await created.InitializeAsync(TestContext.Current.CancellationToken);
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
}
