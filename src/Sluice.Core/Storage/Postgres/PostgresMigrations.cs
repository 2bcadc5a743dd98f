using System.Globalization;
using Dapper;
using Npgsql;

namespace Sluice.Core.Storage.Postgres;

/// <summary>
/// The PostgreSQL schema as an ordered list of migrations. <c>sluice_schema_version</c> holds one row per applied
/// migration. Never edit a released migration: append the next one. Migrations run in one transaction under a
/// transaction-level advisory lock, so of several servers starting at once one migrates and the others wait for it and
/// then find nothing left to do.
/// </summary>
/// <remarks>
/// Times are TEXT in the same fixed ISO-8601 UTC form as the SQLite store (seven fractional digits): exact to the tick,
/// readable in <c>psql</c>, and in time order as text. Every text column that is compared or ordered is
/// <c>COLLATE "C"</c>, so orders are ordinal whatever the database's locale.
/// </remarks>
internal static class PostgresMigrations
{
    /// <summary>The advisory lock migrations hold: "sluice" and "migrate" as two 32-bit keys.</summary>
    private const string LockSql = "SELECT pg_advisory_xact_lock(hashtext('sluice'), hashtext('migrate:' || current_schema()));";

    /// <summary>Gets the migrations, in order: the script at index <c>i</c> takes the schema from version <c>i</c> to <c>i + 1</c>.</summary>
    public static IReadOnlyList<string> Scripts { get; } =
    [
        """
        CREATE TABLE pipelines (
            name text COLLATE "C" NOT NULL,
            version bigint NOT NULL,
            arn text NOT NULL,
            definition_text text NOT NULL,
            display_name text,
            description text,
            role_arn text,
            max_parallel_execution_steps integer,
            creation_time text COLLATE "C" NOT NULL,
            last_modified_time text COLLATE "C" NOT NULL,
            version_display_name text,
            version_description text,
            PRIMARY KEY (name, version)
        );

        CREATE TABLE executions (
            arn text COLLATE "C" NOT NULL PRIMARY KEY,
            execution_id text NOT NULL,
            pipeline_name text COLLATE "C" NOT NULL,
            pipeline_arn text NOT NULL,
            pipeline_version bigint NOT NULL,
            status text NOT NULL,
            failure_reason text,
            display_name text,
            description text,
            parameters_json text NOT NULL,
            max_parallel_execution_steps integer,
            selective_execution_json text,
            creation_time text COLLATE "C" NOT NULL,
            last_modified_time text COLLATE "C" NOT NULL
        );
        CREATE INDEX executions_by_creation ON executions (creation_time, arn);
        CREATE INDEX executions_by_pipeline_created ON executions (pipeline_name, creation_time DESC, arn);
        CREATE INDEX executions_by_pipeline_arn ON executions (pipeline_name, arn);
        CREATE INDEX executions_unfinished ON executions (creation_time, arn) WHERE status IN ('Executing', 'Stopping');

        CREATE TABLE steps (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            execution_arn text COLLATE "C" NOT NULL REFERENCES executions (arn) ON DELETE CASCADE,
            step_name text COLLATE "C" NOT NULL,
            step_type text NOT NULL,
            status text NOT NULL,
            start_time text COLLATE "C",
            end_time text COLLATE "C",
            attempt_count integer NOT NULL,
            failure_reason text,
            metadata_json text,
            properties_json text,
            cache_source_execution_arn text,
            selective_source_execution_arn text,
            next_attempt_time text COLLATE "C",
            job_json text,
            UNIQUE (execution_arn, step_name)
        );

        CREATE TABLE callbacks (
            token text COLLATE "C" NOT NULL PRIMARY KEY,
            execution_arn text COLLATE "C" NOT NULL REFERENCES executions (arn) ON DELETE CASCADE,
            step_name text NOT NULL,
            status text NOT NULL,
            output_parameters_json text,
            failure_reason text,
            creation_time text COLLATE "C" NOT NULL
        );
        CREATE INDEX callbacks_by_execution ON callbacks (execution_arn);

        CREATE TABLE queues (
            name text COLLATE "C" NOT NULL PRIMARY KEY,
            creation_time text COLLATE "C" NOT NULL
        );

        CREATE TABLE messages (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            queue_name text COLLATE "C" NOT NULL REFERENCES queues (name) ON DELETE CASCADE,
            message_id text NOT NULL UNIQUE,
            body text NOT NULL,
            sent_time text COLLATE "C" NOT NULL,
            visible_at text COLLATE "C" NOT NULL,
            receive_count integer NOT NULL DEFAULT 0,
            receipt_handle text UNIQUE
        );
        CREATE INDEX messages_by_queue ON messages (queue_name, sent_time, id);

        CREATE TABLE cache_entries (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            cache_key text COLLATE "C" NOT NULL,
            execution_arn text NOT NULL,
            step_name text NOT NULL,
            properties_json text NOT NULL,
            metadata_json text,
            creation_time text COLLATE "C" NOT NULL
        );
        CREATE INDEX cache_entries_by_key ON cache_entries (cache_key, creation_time, id);

        CREATE TABLE models (
            name text COLLATE "C" NOT NULL PRIMARY KEY,
            arn text NOT NULL,
            describe_json text NOT NULL,
            creation_time text COLLATE "C" NOT NULL
        );
        CREATE INDEX models_by_lower_name ON models (lower(name));

        CREATE TABLE model_packages (
            group_name text COLLATE "C" NOT NULL,
            version integer NOT NULL,
            arn text NOT NULL,
            approval_status text NOT NULL,
            describe_json text NOT NULL,
            creation_time text COLLATE "C" NOT NULL,
            last_modified_time text COLLATE "C" NOT NULL,
            PRIMARY KEY (group_name, version)
        );

        -- SageMaker job names are unique regardless of case; ARNs carry them in lower case.
        CREATE TABLE jobs (
            kind text NOT NULL,
            name text COLLATE "C" NOT NULL,
            arn text NOT NULL,
            status text NOT NULL,
            execution_arn text NOT NULL,
            step_name text NOT NULL,
            parent_name text COLLATE "C",
            describe_json text NOT NULL,
            creation_time text COLLATE "C" NOT NULL,
            last_modified_time text COLLATE "C" NOT NULL
        );
        CREATE UNIQUE INDEX jobs_by_kind_name ON jobs (kind, lower(name));
        CREATE INDEX jobs_by_parent ON jobs (parent_name, creation_time) WHERE parent_name IS NOT NULL;

        CREATE TABLE client_tokens (
            operation text COLLATE "C" NOT NULL,
            token text COLLATE "C" NOT NULL,
            request_body text NOT NULL,
            response_body text NOT NULL,
            creation_time text COLLATE "C" NOT NULL,
            PRIMARY KEY (operation, token)
        );
        CREATE INDEX client_tokens_by_creation ON client_tokens (creation_time);
        """,
        """
        -- Leases: which server advances which execution, until when. fence grows by one each time the lease changes
        -- hands, and every write the holder makes for the execution is checked against it.
        CREATE TABLE execution_leases (
            execution_arn text COLLATE "C" NOT NULL PRIMARY KEY,
            owner text COLLATE "C" NOT NULL,
            fence bigint NOT NULL,
            expires_at text COLLATE "C" NOT NULL
        );

        CREATE TABLE servers (
            id text COLLATE "C" NOT NULL PRIMARY KEY,
            host text NOT NULL,
            started_at text COLLATE "C" NOT NULL,
            heartbeat_at text COLLATE "C" NOT NULL
        );
        """,
        """
        -- Tags of SageMaker resources by ARN (AddTags, ListTags, DeleteTags, CreatePipeline's Tags); keys sort ordinally.
        CREATE TABLE tags (
            resource_arn text COLLATE "C" NOT NULL,
            key text COLLATE "C" NOT NULL,
            value text NOT NULL,
            PRIMARY KEY (resource_arn, key)
        );
        """,
        """
        -- A ClientRequestToken is claimed (response_body NULL) before its request acts, so that of several servers
        -- receiving one token at once only one acts; the answer fills the claim in.
        ALTER TABLE client_tokens ALTER COLUMN response_body DROP NOT NULL;

        -- Job slots counted over every server: one row per running job, renewed by its server's heartbeat; a dead
        -- server's rows expire and free their slots.
        CREATE TABLE job_slots (
            job text COLLATE "C" NOT NULL PRIMARY KEY,
            owner text COLLATE "C" NOT NULL,
            expires_at text COLLATE "C" NOT NULL
        );
        CREATE INDEX job_slots_by_owner ON job_slots (owner);
        """,
        """
        -- SQS queue attributes (VisibilityTimeout, DelaySeconds, MessageRetentionPeriod, ...) as a JSON object of
        -- strings, and each message's MessageAttributes as the API keeps them.
        ALTER TABLE queues ADD COLUMN attributes_json text;
        ALTER TABLE queues ADD COLUMN last_modified_time text COLLATE "C";
        ALTER TABLE messages ADD COLUMN message_attributes text;
        """,
        """
        -- An execution's PipelineExperimentConfig as resolved when it started (DescribePipelineExecution). Executions
        -- stored before were described with the SDK's default config, their pipeline's name and their own ID; they
        -- keep it.
        ALTER TABLE executions ADD COLUMN experiment_name text;
        ALTER TABLE executions ADD COLUMN trial_name text;
        UPDATE executions SET experiment_name = pipeline_name, trial_name = execution_id;
        """,
    ];

    /// <summary>Gets the schema version this code writes: the number of migrations.</summary>
    public static long CurrentVersion => Scripts.Count;

    /// <summary>Brings the schema to <see cref="CurrentVersion"/> in one transaction under the migration lock.</summary>
    /// <exception cref="InvalidOperationException">The database's version is newer than <see cref="CurrentVersion"/>.</exception>
    public static async Task ApplyAsync(NpgsqlConnection connection, string where, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(LockSql, transaction: transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "CREATE TABLE IF NOT EXISTS sluice_schema_version (version bigint NOT NULL PRIMARY KEY, applied_time text NOT NULL);",
            transaction: transaction,
            cancellationToken: cancellationToken));
        var onDatabase = await ReadVersionAsync(connection, transaction, cancellationToken);
        if (onDatabase > CurrentVersion)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"The PostgreSQL database {where} has Sluice schema version {onDatabase}, but this version of Sluice knows " +
                $"schema versions up to {CurrentVersion}. Upgrade Sluice on every server, or point it at another database."));
        }

        for (var version = onDatabase; version < CurrentVersion; version++)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                Scripts[(int)version], transaction: transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO sluice_schema_version (version, applied_time) VALUES (@Version, @AppliedTime);",
                new { Version = version + 1, AppliedTime = Sqlite.SqliteValues.FromTime(DateTimeOffset.UtcNow) },
                transaction,
                cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The database's schema version: 0 when no migration has run.</summary>
    public static Task<long> ReadVersionAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COALESCE(MAX(version), 0) FROM sluice_schema_version;", transaction: transaction, cancellationToken: cancellationToken));
}
