using System.Data.Common;
using Dapper;
using Sluice.Core.Storage.Sqlite;

namespace Sluice.Core.Storage.Rows;

/// <summary>
/// The job slot statements, which SQLite and PostgreSQL run as written (<see cref="IJobSlotStore"/>). A claim counts and
/// inserts in one transaction; the caller makes claims of different servers take turns (SQLite's single writer, a
/// PostgreSQL advisory lock) so that two never both see the last free slot.
/// </summary>
internal static class JobSlotSql
{
    /// <summary>Extends an owner's slots; parameters <c>@Owner</c>, <c>@Expires</c>.</summary>
    public const string Renew = "UPDATE job_slots SET expires_at = @Expires WHERE owner = @Owner;";

    /// <summary>Frees a slot; parameter <c>@Job</c>.</summary>
    public const string Release = "DELETE FROM job_slots WHERE job = @Job;";

    /// <summary>Counts unexpired slots; parameter <c>@Now</c>.</summary>
    public const string Count = "SELECT COUNT(*) FROM job_slots WHERE expires_at > @Now;";

    /// <summary>Claims a slot inside the caller's write transaction, taken in turn with every other claim.</summary>
    /// <returns>Whether the job holds a slot now.</returns>
    public static async Task<bool> ClaimAsync(
        DbConnection connection,
        DbTransaction transaction,
        string job,
        string owner,
        int limit,
        DateTimeOffset now,
        TimeSpan duration,
        CancellationToken cancellationToken)
    {
        var nowText = SqliteValues.FromTime(now);
        var expires = SqliteValues.FromTime(now + duration);
        await connection.ExecuteAsync(Command("DELETE FROM job_slots WHERE expires_at <= @Now;", new { Now = nowText }, transaction, cancellationToken));
        var renewed = await connection.ExecuteAsync(Command(
            "UPDATE job_slots SET expires_at = @Expires, owner = @Owner WHERE job = @Job;",
            new { Job = job, Owner = owner, Expires = expires },
            transaction,
            cancellationToken));
        if (renewed == 1)
        {
            return true;
        }

        var held = await connection.ExecuteScalarAsync<long>(Command(Count, new { Now = nowText }, transaction, cancellationToken));
        if (held >= limit)
        {
            return false;
        }

        await connection.ExecuteAsync(Command(
            "INSERT INTO job_slots (job, owner, expires_at) VALUES (@Job, @Owner, @Expires);",
            new { Job = job, Owner = owner, Expires = expires },
            transaction,
            cancellationToken));
        return true;
    }

    private static CommandDefinition Command(string sql, object parameters, DbTransaction transaction, CancellationToken cancellationToken) =>
        new(sql, parameters, transaction, cancellationToken: cancellationToken);
}
