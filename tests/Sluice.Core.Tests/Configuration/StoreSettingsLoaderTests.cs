using Npgsql;
using Sluice.Core.Configuration;
using Sluice.Core.Hosting;
using Sluice.Core.Storage;

namespace Sluice.Core.Tests.Configuration;

/// <summary><c>store:</c> in sluice.yaml: a backend name, a PostgreSQL URI, or a mapping with the lease.</summary>
public sealed class StoreSettingsLoaderTests
{
    [Fact]
    public void Parse_PostgresUri_ChoosesPostgresWithItsConnection()
    {
        var configuration = ConfigurationLoader.Parse("store: postgres://sluice:p%40ss@db.internal:6543/state?sslmode=verify-full", "sluice.yaml");

        configuration.Store.ShouldBe("postgres");
        var connection = new NpgsqlConnectionStringBuilder(configuration.StoreConnection);
        connection.Host.ShouldBe("db.internal");
        connection.Port.ShouldBe(6543);
        connection.Username.ShouldBe("sluice");
        connection.Password.ShouldBe("p@ss");
        connection.Database.ShouldBe("state");
        connection.SslMode.ShouldBe(SslMode.VerifyFull);
        configuration.LeaseDuration.ShouldBe(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void Parse_Mapping_TakesAConnectionStringAndTheLease()
    {
        var configuration = ConfigurationLoader.Parse(
            """
            store:
              postgres: "Host=127.0.0.1;Port=5433;Username=sluice;Database=sluice"
              lease: 7.5
            """,
            "sluice.yaml");

        configuration.Store.ShouldBe("postgres");
        new NpgsqlConnectionStringBuilder(configuration.StoreConnection).Port.ShouldBe(5433);
        configuration.LeaseDuration.ShouldBe(TimeSpan.FromSeconds(7.5));
    }

    [Fact]
    public void Parse_SqliteMapping_KeepsTheDefaultBackendWithALease()
    {
        var configuration = ConfigurationLoader.Parse("store: {sqlite: default, lease: 10}", "sluice.yaml");

        configuration.Store.ShouldBe("sqlite");
        configuration.StoreConnection.ShouldBeNull();
        configuration.LeaseDuration.ShouldBe(TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData("store: sqlite", StoreDurability.Full)]
    [InlineData("store: {durability: full}", StoreDurability.Full)]
    [InlineData("store: {sqlite: default, durability: normal}", StoreDurability.Normal)]
    [InlineData("store:\n  postgres: postgres://db/x\n  durability: normal", StoreDurability.Normal)]
    public void Parse_Durability_IsTheModeGivenOrFull(string yaml, StoreDurability expected) =>
        ConfigurationLoader.Parse(yaml, "sluice.yaml").StoreDurability.ShouldBe(expected);

    [Fact]
    public void Parse_UnknownDurability_NamesTheKeyAndTheModes()
    {
        var error = Should.Throw<ConfigurationException>(() => ConfigurationLoader.Parse("store:\n  durability: lazy", "sluice.yaml"));

        error.Message.ShouldContain("sluice.yaml:2: store.durability: 'lazy' is not a durability; use full");
    }

    [Fact]
    public void WithDurability_Normal_TurnsSynchronousCommitOffForTheSessions()
    {
        var normal = new NpgsqlConnectionStringBuilder(StoreBackends.WithDurability("Host=127.0.0.1;Database=x", StoreDurability.Normal));

        normal.Options.ShouldBe("-c synchronous_commit=off");
        StoreBackends.WithDurability("Host=127.0.0.1;Database=x", StoreDurability.Full).ShouldBe("Host=127.0.0.1;Database=x");
    }

    [Theory]
    [InlineData("store: postgres", "sluice.yaml:1: store: postgres needs a database")]
    [InlineData("store: mysql", "sluice.yaml:1: store: 'mysql' is not a store backend")]
    [InlineData("store: postgres://db/x?password=y", "sluice.yaml:1: store: the URI parameter 'password' is not supported")]
    [InlineData("store: postgres://db/x/y", "sluice.yaml:1: store: the URI's path names more than a database")]
    [InlineData("store: postgres://:5432/x", "sluice.yaml:1: store: not a valid PostgreSQL URI")]
    [InlineData("store: postgres://db/x?sslmode=sometimes", "sluice.yaml:1: store: the URI parameter 'sslmode' has a bad value")]
    [InlineData("store:\n  postgres: \"Hots=db\"", "sluice.yaml:2: store.postgres: not a PostgreSQL URI")]
    [InlineData("store:\n  postgres: \"Database=x\"", "sluice.yaml:2: store.postgres: the PostgreSQL connection names no host")]
    [InlineData("store:\n  postgres: postgres://db/x\n  sqlite: default", "sluice.yaml:3: store: name one backend")]
    [InlineData("store:\n  lease: 0.5", "sluice.yaml:2: store.lease: '0.5' is not a number of seconds from 1 to 3600")]
    [InlineData("store:\n  lease: soon", "sluice.yaml:2: store.lease: 'soon' is not a number of seconds")]
    [InlineData("store:\n  leese: 5", "sluice.yaml:2: store: unknown key 'leese'")]
    [InlineData("store:\n  sqlite: {path: x}", "sluice.yaml:2: store.sqlite: sqlite takes no settings")]
    public void Parse_BadStore_NamesTheKeyAndTheProblem(string yaml, string expected) =>
        Should.Throw<ConfigurationException>(() => ConfigurationLoader.Parse(yaml, "sluice.yaml")).Message.ShouldStartWith(expected);

    [Fact]
    public void Parse_BadUriWithPassword_NeverEchoesThePassword()
    {
        var message = Should.Throw<ConfigurationException>(
            () => ConfigurationLoader.Parse("store: postgres://u:hunter2@db/x?bogus=1", "sluice.yaml")).Message;

        message.ShouldNotContain("hunter2");
    }
}
