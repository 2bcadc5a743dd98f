using Sluice.Cli.Tests.Support;

namespace Sluice.Cli.Tests.Server;

/// <summary><c>sluice store migrate</c> on the shared database, before any server starts.</summary>
public sealed partial class ServeFailoverTests
{
    [Fact]
    public async Task StoreMigrate_EmptyDatabaseTwiceAtOnce_CreatesTheSchemaOnce()
    {
        var runs = await Task.WhenAll(
            CliRunner.RunAsync(["store", "migrate", "--store", _uri, "--data", _data]),
            CliRunner.RunAsync(["store", "migrate", "--store", _uri, "--data", _data]));

        foreach (var run in runs)
        {
            run.ExitCode.ShouldBe(0, run.Error);
            run.Out.ShouldStartWith("The postgres store is at schema version ");
        }

        var versions = (long)(await ScalarAsync("SELECT COUNT(*) FROM sluice_schema_version"))!;
        runs[0].Out.ShouldBe($"The postgres store is at schema version {versions}.\n");
        (await ScalarAsync("SELECT COUNT(*) FROM job_slots")).ShouldBe(0L);
    }

    [Fact]
    public async Task StoreMigrate_UnknownBackend_IsAUsageError()
    {
        var run = await CliRunner.RunAsync(["store", "migrate", "--store", "sqlte", "--data", _data]);

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain("'sqlte' is not a store backend (did you mean 'sqlite'?)");
    }
}
