using FsCheck;
using FsCheck.Fluent;
using Npgsql;
using Sluice.Core.Storage.Postgres;

namespace Sluice.Core.Tests.Storage.Postgres;

/// <summary>Where the PostgreSQL store connects: URIs and connection strings, and hostile text that must only ever be refused.</summary>
public sealed class PostgresConnectionStringTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(500);

    [Fact]
    public void Parse_FullUri_SetsEveryPart()
    {
        var parsed = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Parse(
            "postgresql://app%20user:s%3Acret@[::1]:6000/my%20db?application_name=svc&connect_timeout=7&sslmode=require"));

        parsed.Host.ShouldBe("::1");
        parsed.Port.ShouldBe(6000);
        parsed.Username.ShouldBe("app user");
        parsed.Password.ShouldBe("s:cret");
        parsed.Database.ShouldBe("my db");
        parsed.ApplicationName.ShouldBe("svc");
        parsed.Timeout.ShouldBe(7);
        parsed.SslMode.ShouldBe(SslMode.Require);
    }

    [Fact]
    public void Parse_UriWithoutPortOrDatabase_LeavesNpgsqlDefaults()
    {
        var parsed = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Parse("postgres://db"));

        parsed.Host.ShouldBe("db");
        parsed.Port.ShouldBe(5432);
        parsed.Database.ShouldBeNull();
    }

    [Fact]
    public void Parse_ConnectionString_KeepsIt() =>
        new NpgsqlConnectionStringBuilder(PostgresConnectionString.Parse("Host=h;Username=u;Database=d;Search Path=s"))
            .SearchPath.ShouldBe("s");

    [Fact]
    public void Parse_AnyText_ReturnsAConnectionStringOrRefusesWithFormatException()
    {
        var pieces = Gen.Elements(
            "postgres://", "postgresql://", "@", ":", "/", "?", "&", "=", "%", "%zz", "%00", "[", "]", ";", "Host", "host=", "Port=",
            "sslmode=", "verify-full", "x", "9999999999", "-1", " ", "\"", "'", "\u0000", "é", "..");
        var texts = Gen.ListOf(pieces).Select(list => string.Concat(list));
        Check.One(Runs, Prop.ForAll(texts.ToArbitrary(), text =>
        {
            try
            {
                return new NpgsqlConnectionStringBuilder(PostgresConnectionString.Parse(text)).Host is { Length: > 0 };
            }
            catch (FormatException)
            {
                return true;
            }
        }));
    }
}
