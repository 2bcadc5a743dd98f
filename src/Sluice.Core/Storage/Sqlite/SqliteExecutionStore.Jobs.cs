using Sluice.Core.Storage.Rows;

namespace Sluice.Core.Storage.Sqlite;

/// <summary>The statement the step writes save their jobs with; jobs and ClientRequestToken answers are <see cref="SqlStore"/>'s.</summary>
public sealed partial class SqliteExecutionStore
{
    /// <summary>Inserts or replaces one job's record (<see cref="JobSql.SaveSql"/>); the step writes save their jobs with it.</summary>
    private static readonly string SaveJobSql = JobSql.SaveSql(SqliteDialect.Instance);
}
