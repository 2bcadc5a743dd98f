using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Sluice.Core.Storage.Sqlite;

/// <summary>
/// The SQLite schema as an ordered list of migrations. <c>schema_version</c> holds one row per applied migration; the
/// file's version is the highest. Never edit a released migration: append the next one.
/// </summary>
internal static class SqliteMigrations
{
    /// <summary>
    /// Gets the migrations, in order: the script at index <c>i</c> takes the schema from version <c>i</c> to <c>i + 1</c>.
    /// </summary>
    public static IReadOnlyList<string> Scripts { get; } =
    [
        """
        CREATE TABLE pipelines (
            name TEXT NOT NULL,
            version INTEGER NOT NULL,
            arn TEXT NOT NULL,
            definition_text TEXT NOT NULL,
            display_name TEXT,
            description TEXT,
            role_arn TEXT,
            max_parallel_execution_steps INTEGER,
            creation_time TEXT NOT NULL,
            last_modified_time TEXT NOT NULL,
            PRIMARY KEY (name, version)
        );

        CREATE TABLE executions (
            arn TEXT NOT NULL PRIMARY KEY,
            execution_id TEXT NOT NULL,
            pipeline_name TEXT NOT NULL,
            pipeline_arn TEXT NOT NULL,
            pipeline_version INTEGER NOT NULL,
            status TEXT NOT NULL,
            failure_reason TEXT,
            display_name TEXT,
            description TEXT,
            parameters_json TEXT NOT NULL,
            max_parallel_execution_steps INTEGER,
            selective_execution_json TEXT,
            creation_time TEXT NOT NULL,
            last_modified_time TEXT NOT NULL
        );
        CREATE INDEX executions_by_creation ON executions (creation_time, arn);
        CREATE INDEX executions_by_pipeline ON executions (pipeline_name, creation_time, arn);
        CREATE INDEX executions_unfinished ON executions (creation_time, arn) WHERE status IN ('Executing', 'Stopping');

        CREATE TABLE steps (
            id INTEGER PRIMARY KEY,
            execution_arn TEXT NOT NULL REFERENCES executions (arn) ON DELETE CASCADE,
            step_name TEXT NOT NULL,
            step_type TEXT NOT NULL,
            status TEXT NOT NULL,
            start_time TEXT,
            end_time TEXT,
            attempt_count INTEGER NOT NULL,
            failure_reason TEXT,
            metadata_json TEXT,
            properties_json TEXT,
            cache_source_execution_arn TEXT,
            selective_source_execution_arn TEXT,
            next_attempt_time TEXT,
            job_json TEXT,
            UNIQUE (execution_arn, step_name)
        );

        CREATE TABLE callbacks (
            token TEXT NOT NULL PRIMARY KEY,
            execution_arn TEXT NOT NULL REFERENCES executions (arn) ON DELETE CASCADE,
            step_name TEXT NOT NULL,
            status TEXT NOT NULL,
            output_parameters_json TEXT,
            failure_reason TEXT,
            creation_time TEXT NOT NULL
        );
        CREATE INDEX callbacks_by_execution ON callbacks (execution_arn);

        CREATE TABLE queues (
            name TEXT NOT NULL PRIMARY KEY,
            creation_time TEXT NOT NULL
        );

        CREATE TABLE messages (
            id INTEGER PRIMARY KEY,
            queue_name TEXT NOT NULL REFERENCES queues (name) ON DELETE CASCADE,
            message_id TEXT NOT NULL UNIQUE,
            body TEXT NOT NULL,
            sent_time TEXT NOT NULL,
            visible_at TEXT NOT NULL,
            receive_count INTEGER NOT NULL DEFAULT 0,
            receipt_handle TEXT UNIQUE
        );
        CREATE INDEX messages_by_queue ON messages (queue_name, sent_time, id);

        CREATE TABLE cache_entries (
            id INTEGER PRIMARY KEY,
            cache_key TEXT NOT NULL,
            execution_arn TEXT NOT NULL,
            step_name TEXT NOT NULL,
            properties_json TEXT NOT NULL,
            metadata_json TEXT,
            creation_time TEXT NOT NULL
        );
        CREATE INDEX cache_entries_by_key ON cache_entries (cache_key, creation_time, id);
        """,
        """
        CREATE TABLE models (
            name TEXT NOT NULL PRIMARY KEY,
            arn TEXT NOT NULL,
            describe_json TEXT NOT NULL,
            creation_time TEXT NOT NULL
        );

        CREATE TABLE model_packages (
            group_name TEXT NOT NULL,
            version INTEGER NOT NULL,
            arn TEXT NOT NULL,
            approval_status TEXT NOT NULL,
            describe_json TEXT NOT NULL,
            creation_time TEXT NOT NULL,
            last_modified_time TEXT NOT NULL,
            PRIMARY KEY (group_name, version)
        );
        """,
        """
        ALTER TABLE pipelines ADD COLUMN version_display_name TEXT;
        ALTER TABLE pipelines ADD COLUMN version_description TEXT;

        CREATE TABLE jobs (
            kind TEXT NOT NULL,
            name TEXT NOT NULL COLLATE NOCASE, -- SageMaker job names are unique regardless of case; ARNs carry them in lower case
            arn TEXT NOT NULL,
            status TEXT NOT NULL,
            execution_arn TEXT NOT NULL,
            step_name TEXT NOT NULL,
            parent_name TEXT,
            describe_json TEXT NOT NULL,
            creation_time TEXT NOT NULL,
            last_modified_time TEXT NOT NULL,
            PRIMARY KEY (kind, name)
        );
        CREATE INDEX jobs_by_parent ON jobs (parent_name, creation_time) WHERE parent_name IS NOT NULL;

        CREATE TABLE client_tokens (
            operation TEXT NOT NULL,
            token TEXT NOT NULL,
            request_body TEXT NOT NULL,
            response_body TEXT NOT NULL,
            creation_time TEXT NOT NULL,
            PRIMARY KEY (operation, token)
        );
        CREATE INDEX client_tokens_by_creation ON client_tokens (creation_time);
        """,
        """
        -- Pages of a pipeline's executions, read in the store (ListPipelineExecutions): an index in each order a page
        -- is read in. By creation time: newest first with ties by ARN ascending when read forwards, and exactly the
        -- reverse when read backwards. It replaces executions_by_pipeline, whose every use it serves as well.
        DROP INDEX executions_by_pipeline;
        CREATE INDEX executions_by_pipeline_created ON executions (pipeline_name, creation_time DESC, arn);
        CREATE INDEX executions_by_pipeline_arn ON executions (pipeline_name, arn);
        """,
        """
        -- Before starts and deletes were decided in one write each, an execution could be stored just after its
        -- pipeline was deleted: Executing for ever, never resumed (its definition is gone) and listed nowhere. Such
        -- executions are deleted, as the DeletePipeline that won would have deleted them; their steps and Callback
        -- tokens go with them (foreign keys are on in the migrating connection).
        DELETE FROM executions
        WHERE NOT EXISTS (SELECT 1 FROM pipelines WHERE pipelines.name = executions.pipeline_name);
        """,
        """
        -- Tags of SageMaker resources by ARN (AddTags, ListTags, DeleteTags, CreatePipeline's Tags).
        CREATE TABLE tags (
            resource_arn TEXT NOT NULL,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (resource_arn, key)
        ) WITHOUT ROWID;
        """,
        """
        -- A ClientRequestToken is claimed (response_body NULL) before its request acts, and the answer fills the
        -- claim in; SQLite cannot drop a NOT NULL in place, so the table is rebuilt.
        CREATE TABLE client_tokens_claimable (
            operation TEXT NOT NULL,
            token TEXT NOT NULL,
            request_body TEXT NOT NULL,
            response_body TEXT,
            creation_time TEXT NOT NULL,
            PRIMARY KEY (operation, token)
        );
        INSERT INTO client_tokens_claimable SELECT operation, token, request_body, response_body, creation_time FROM client_tokens;
        DROP TABLE client_tokens;
        ALTER TABLE client_tokens_claimable RENAME TO client_tokens;
        CREATE INDEX client_tokens_by_creation ON client_tokens (creation_time);

        -- Job slots counted by the store (the global limit): one row per running job, renewed while it runs.
        CREATE TABLE job_slots (
            job TEXT NOT NULL PRIMARY KEY,
            owner TEXT NOT NULL,
            expires_at TEXT NOT NULL
        );
        CREATE INDEX job_slots_by_owner ON job_slots (owner);
        """,
        """
        -- SQS queue attributes (VisibilityTimeout, DelaySeconds, MessageRetentionPeriod, ...) as a JSON object of
        -- strings, and each message's MessageAttributes as the API keeps them.
        ALTER TABLE queues ADD COLUMN attributes_json TEXT;
        ALTER TABLE queues ADD COLUMN last_modified_time TEXT;
        ALTER TABLE messages ADD COLUMN message_attributes TEXT;
        """,
        """
        -- An execution's PipelineExperimentConfig as resolved when it started (DescribePipelineExecution). Executions
        -- stored before were described with the SDK's default config, their pipeline's name and their own ID; they
        -- keep it.
        ALTER TABLE executions ADD COLUMN experiment_name TEXT;
        ALTER TABLE executions ADD COLUMN trial_name TEXT;
        UPDATE executions SET experiment_name = pipeline_name, trial_name = execution_id;
        """,
        """
        -- A counter every update of an execution's row increments (whichever process writes it): a page read keeps the
        -- summaries of ended executions in memory and takes one again only while its row's version is unchanged.
        -- Sluice's own update increments it in the statement; the trigger does it for any other UPDATE (a statement
        -- written later that forgets it, a repair by hand in the sqlite3 shell), so nothing kept is ever served stale.
        -- It fires only when the version did not change, so it costs nothing on Sluice's own writes.
        ALTER TABLE executions ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
        CREATE TRIGGER executions_version_on_update AFTER UPDATE ON executions
        WHEN NEW.version = OLD.version
        BEGIN
            UPDATE executions SET version = OLD.version + 1 WHERE rowid = NEW.rowid;
        END;
        """,
    ];

    /// <summary>Gets the schema version this code writes: the number of migrations.</summary>
    public static long CurrentVersion => Scripts.Count;

    /// <summary>Brings the schema to <see cref="CurrentVersion"/> inside the caller's (immediate) transaction.</summary>
    /// <exception cref="InvalidOperationException">The file's version is newer than <see cref="CurrentVersion"/>.</exception>
    public static async Task ApplyAsync(
        SqliteConnection connection, SqliteTransaction transaction, string databasePath, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_time TEXT NOT NULL);",
            transaction: transaction,
            cancellationToken: cancellationToken));
        var onDisk = await ReadVersionAsync(connection, transaction, cancellationToken);
        if (onDisk > CurrentVersion)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"The database '{databasePath}' has schema version {onDisk}, but this version of Sluice knows schema versions " +
                $"up to {CurrentVersion}. Upgrade Sluice, or point it at another data directory."));
        }

        for (var version = onDisk; version < CurrentVersion; version++)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                Scripts[(int)version], transaction: transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_version (version, applied_time) VALUES (@Version, @AppliedTime);",
                new { Version = version + 1, AppliedTime = SqliteValues.FromTime(DateTimeOffset.UtcNow) },
                transaction,
                cancellationToken: cancellationToken));
        }
    }

    /// <summary>The file's schema version: 0 when no migration has run.</summary>
    public static Task<long> ReadVersionAsync(
        SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COALESCE(MAX(version), 0) FROM schema_version;", transaction: transaction, cancellationToken: cancellationToken));
}
