using Sluice.Core.Configuration;
using Sluice.Core.Storage;
using Sluice.Core.Storage.Postgres;
using Sluice.Core.Storage.Sqlite;
using Sluice.Definitions;

namespace Sluice.Core.Hosting;

/// <summary>
/// The store backends <c>sluice.yaml</c> may choose with <c>store:</c>. A new backend is a folder under
/// <c>Storage/</c> and one line in the table below; the configuration reader and <see cref="SluiceHost"/> both read it.
/// </summary>
public static class StoreBackends
{
    /// <summary>The configuration key that chooses the backend.</summary>
    public const string Key = "store";

    /// <summary>The backend used when the configuration names none: one SQLite file in the data directory.</summary>
    public const string Default = "sqlite";

    /// <summary>The backend several servers share: one PostgreSQL database (<c>store: postgres://...</c>).</summary>
    public const string Postgres = "postgres";

    // Ordinal and lower case: the names are written in YAML and must match as written.
    private static readonly Dictionary<string, Func<SluiceConfiguration, string, ISluiceStore>> Factories = new(StringComparer.Ordinal)
    {
        [Default] = (configuration, dataDirectory) => new SqliteExecutionStore(dataDirectory, configuration.StoreDurability),
        [Postgres] = (configuration, _) => new PostgresStore(WithDurability(
            configuration.StoreConnection ?? throw new ConfigurationException($"{Key}: postgres needs a database: write {Key}: postgres://user@host:5432/database"),
            configuration.StoreDurability)),
    };

    /// <summary>
    /// A PostgreSQL connection string with <c>synchronous_commit=off</c> for the sessions of <see cref="StoreDurability.Normal"/>
    /// (the server then flushes its WAL on its own schedule); unchanged for <see cref="StoreDurability.Full"/>, which
    /// keeps the server's setting.
    /// </summary>
    internal static string WithDurability(string connectionString, StoreDurability durability)
    {
        if (durability == StoreDurability.Full)
        {
            return connectionString;
        }

        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? "-c synchronous_commit=off" : builder.Options + " -c synchronous_commit=off";
        return builder.ConnectionString;
    }

    /// <summary>The names of the supported backends, e.g. <c>sqlite</c>.</summary>
    public static IReadOnlyCollection<string> Names => Factories.Keys;

    /// <summary>Whether a backend of this name exists.</summary>
    /// <param name="name">The name as written in the configuration.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public static bool IsSupported(string name) => Factories.ContainsKey(name);

    /// <summary>
    /// Why a backend name cannot be used, naming the supported ones, e.g.
    /// <c>'postgres' is not a store backend; supported: sqlite</c>.
    /// </summary>
    /// <param name="name">The name as written.</param>
    /// <returns>The problem, without the key or the file.</returns>
    public static string Unsupported(string name) =>
        $"'{name}' is not a store backend{Spelling.Hint(name, Names)}; supported: {string.Join(", ", Names)}";

    /// <summary>Creates (but does not initialise) the store a configuration chooses.</summary>
    /// <param name="configuration">The configuration; its <see cref="SluiceConfiguration.Store"/> names the backend.</param>
    /// <param name="dataDirectory">The data directory the store keeps its files in.</param>
    /// <returns>The store.</returns>
    /// <exception cref="ConfigurationException">When the backend is not supported.</exception>
    internal static ISluiceStore Create(SluiceConfiguration configuration, string dataDirectory)
    {
        if (Factories.TryGetValue(configuration.Store, out var create))
        {
            return create(configuration, dataDirectory);
        }

        var where = configuration.Source is null ? string.Empty : $"{configuration.Source}: ";
        throw new ConfigurationException($"{where}{Key}: {Unsupported(configuration.Store)}");
    }

    /// <summary>The schema version this version of Sluice migrates a backend's store to (<c>sluice store migrate</c>).</summary>
    /// <param name="name">The backend's name.</param>
    /// <returns>The number of the backend's migrations.</returns>
    public static long SchemaVersion(string name) =>
        name == Postgres ? Storage.Postgres.PostgresMigrations.CurrentVersion : Storage.Sqlite.SqliteMigrations.CurrentVersion;
}
