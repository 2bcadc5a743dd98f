namespace Sluice.Core.Storage.Rows;

/// <summary>The jobs steps ran, by kind and name, for the Describe* operations (<see cref="IJobStore"/>); the statements are <see cref="JobSql"/>.</summary>
public abstract partial class SqlStore
{
    /// <inheritdoc/>
    /// <remarks>Job names are unique by kind regardless of case (<see cref="SqlDialect.CaseInsensitiveKey"/>).</remarks>
    public Task SaveJobAsync(JobRecord job, CancellationToken cancellationToken) =>
        WriteSqlAsync((connection, transaction) => JobSql.SaveAsync(connection, transaction, Dialect, job, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public Task<JobRecord?> GetJobAsync(JobKind kind, string name, CancellationToken cancellationToken) =>
        ReadSqlAsync(connection => JobSql.GetAsync(connection, Dialect, kind, name, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<JobRecord>> ListTrialJobsAsync(string tuningJobName, CancellationToken cancellationToken) =>
        ReadSqlAsync(connection => JobSql.ListTrialsAsync(connection, tuningJobName, cancellationToken), cancellationToken);
}
