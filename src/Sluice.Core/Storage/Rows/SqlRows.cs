using Sluice.Core.Storage.Sqlite;

namespace Sluice.Core.Storage.Rows;

/// <summary>
/// The rows of the SQL backends' tables (SQLite and PostgreSQL share the schema's shape) as Dapper reads and writes
/// them: times as fixed-width ISO-8601 UTC text, enums as their names (<see cref="SqliteValues"/>).
/// </summary>
internal static class SqlRows
{
    /// <summary>A row of <see cref="PipelineSql.LatestHeadSql"/> or <see cref="PipelineSql.VersionHeadSql"/>.</summary>
    internal sealed class PipelineHeadRow
    {
        public string Arn { get; set; } = string.Empty;

        public long Version { get; set; }

        public int? MaxParallelExecutionSteps { get; set; }

        public PipelineVersionHead ToHead() => new(Arn, Version, MaxParallelExecutionSteps);
    }

    internal sealed class PipelineRow
    {
        public string Name { get; set; } = string.Empty;

        public string Arn { get; set; } = string.Empty;

        public long Version { get; set; }

        public string DefinitionText { get; set; } = string.Empty;

        public string? DisplayName { get; set; }

        public string? Description { get; set; }

        public string? RoleArn { get; set; }

        public int? MaxParallelExecutionSteps { get; set; }

        public string CreationTime { get; set; } = string.Empty;

        public string LastModifiedTime { get; set; } = string.Empty;

        public string? VersionDisplayName { get; set; }

        public string? VersionDescription { get; set; }

        public static PipelineRow From(PipelineRecord record) => new()
        {
            Name = record.Name,
            Arn = record.Arn,
            Version = record.Version,
            DefinitionText = record.DefinitionText,
            DisplayName = record.DisplayName,
            Description = record.Description,
            RoleArn = record.RoleArn,
            MaxParallelExecutionSteps = record.MaxParallelExecutionSteps,
            CreationTime = SqliteValues.FromTime(record.CreationTime),
            LastModifiedTime = SqliteValues.FromTime(record.LastModifiedTime),
            VersionDisplayName = record.VersionDisplayName,
            VersionDescription = record.VersionDescription,
        };

        public PipelineRecord ToRecord() => new(
            Name,
            Arn,
            Version,
            DefinitionText,
            DisplayName,
            Description,
            RoleArn,
            MaxParallelExecutionSteps,
            SqliteValues.ToTime(CreationTime),
            SqliteValues.ToTime(LastModifiedTime))
        {
            VersionDisplayName = VersionDisplayName,
            VersionDescription = VersionDescription,
        };
    }

    internal sealed class ExecutionRow
    {
        public string Arn { get; set; } = string.Empty;

        public string ExecutionId { get; set; } = string.Empty;

        public string PipelineName { get; set; } = string.Empty;

        public string PipelineArn { get; set; } = string.Empty;

        public long PipelineVersion { get; set; }

        public string Status { get; set; } = string.Empty;

        public string? FailureReason { get; set; }

        public string? DisplayName { get; set; }

        public string? Description { get; set; }

        public string ParametersJson { get; set; } = "[]";

        public int? MaxParallelExecutionSteps { get; set; }

        public string? SelectiveExecutionJson { get; set; }

        public string CreationTime { get; set; } = string.Empty;

        public string LastModifiedTime { get; set; } = string.Empty;

        public string? ExperimentName { get; set; }

        public string? TrialName { get; set; }

        public static ExecutionRow From(ExecutionRecord record) => new()
        {
            Arn = record.Arn,
            ExecutionId = record.ExecutionId,
            PipelineName = record.PipelineName,
            PipelineArn = record.PipelineArn,
            PipelineVersion = record.PipelineVersion,
            Status = record.Status.ToString(),
            FailureReason = record.FailureReason,
            DisplayName = record.DisplayName,
            Description = record.Description,
            ParametersJson = SqliteValues.FromParameters(record.Parameters),
            MaxParallelExecutionSteps = record.MaxParallelExecutionSteps,
            SelectiveExecutionJson = record.SelectiveExecutionJson,
            CreationTime = SqliteValues.FromTime(record.CreationTime),
            LastModifiedTime = SqliteValues.FromTime(record.LastModifiedTime),
            ExperimentName = record.Experiment?.ExperimentName,
            TrialName = record.Experiment?.TrialName,
        };

        /// <summary>The experiment of an execution's two columns: none when both are NULL.</summary>
        public static ExecutionExperiment? ToExperiment(string? experimentName, string? trialName) =>
            experimentName is null && trialName is null ? null : new ExecutionExperiment(experimentName, trialName);

        public ExecutionRecord ToRecord() => new(
            Arn,
            ExecutionId,
            PipelineName,
            PipelineArn,
            PipelineVersion,
            SqliteValues.ToExecutionStatus(Status),
            FailureReason,
            DisplayName,
            Description,
            SqliteValues.ToParameters(ParametersJson),
            MaxParallelExecutionSteps,
            SelectiveExecutionJson,
            SqliteValues.ToTime(CreationTime),
            SqliteValues.ToTime(LastModifiedTime),
            ToExperiment(ExperimentName, TrialName));
    }

    internal sealed class StepRow
    {
        public string ExecutionArn { get; set; } = string.Empty;

        public string StepName { get; set; } = string.Empty;

        public string StepType { get; set; } = string.Empty;

        public string Status { get; set; } = string.Empty;

        public string? StartTime { get; set; }

        public string? EndTime { get; set; }

        public int AttemptCount { get; set; }

        public string? FailureReason { get; set; }

        public string? MetadataJson { get; set; }

        public string? PropertiesJson { get; set; }

        public string? CacheSourceExecutionArn { get; set; }

        public string? SelectiveSourceExecutionArn { get; set; }

        public string? NextAttemptTime { get; set; }

        public string? JobJson { get; set; }

        public static StepRow From(StepRecord record) => new()
        {
            ExecutionArn = record.ExecutionArn,
            StepName = record.StepName,
            StepType = record.StepType,
            Status = record.Status.ToString(),
            StartTime = SqliteValues.FromTime(record.StartTime),
            EndTime = SqliteValues.FromTime(record.EndTime),
            AttemptCount = record.AttemptCount,
            FailureReason = record.FailureReason,
            MetadataJson = record.MetadataJson,
            PropertiesJson = record.PropertiesJson,
            CacheSourceExecutionArn = record.CacheSourceExecutionArn,
            SelectiveSourceExecutionArn = record.SelectiveSourceExecutionArn,
            NextAttemptTime = SqliteValues.FromTime(record.NextAttemptTime),
            JobJson = record.JobJson,
        };

        public StepRecord ToRecord() => new(
            ExecutionArn,
            StepName,
            StepType,
            Enum.Parse<StepStatus>(Status),
            SqliteValues.ToNullableTime(StartTime),
            SqliteValues.ToNullableTime(EndTime),
            AttemptCount,
            FailureReason,
            MetadataJson,
            PropertiesJson,
            CacheSourceExecutionArn,
            SelectiveSourceExecutionArn,
            SqliteValues.ToNullableTime(NextAttemptTime),
            JobJson);
    }

    internal sealed class CallbackRow
    {
        public string Token { get; set; } = string.Empty;

        public string ExecutionArn { get; set; } = string.Empty;

        public string StepName { get; set; } = string.Empty;

        public string Status { get; set; } = string.Empty;

        public string? OutputParametersJson { get; set; }

        public string? FailureReason { get; set; }

        public string CreationTime { get; set; } = string.Empty;

        public static CallbackRow From(CallbackRecord record) => new()
        {
            Token = record.Token,
            ExecutionArn = record.ExecutionArn,
            StepName = record.StepName,
            Status = record.Status.ToString(),
            OutputParametersJson = record.OutputParametersJson,
            FailureReason = record.FailureReason,
            CreationTime = SqliteValues.FromTime(record.CreationTime),
        };

        public CallbackRecord ToRecord() => new(
            Token,
            ExecutionArn,
            StepName,
            Enum.Parse<CallbackStatus>(Status),
            OutputParametersJson,
            FailureReason,
            SqliteValues.ToTime(CreationTime));
    }

    internal sealed class CacheRow
    {
        public string Key { get; set; } = string.Empty;

        public string ExecutionArn { get; set; } = string.Empty;

        public string StepName { get; set; } = string.Empty;

        public string PropertiesJson { get; set; } = string.Empty;

        public string? MetadataJson { get; set; }

        public string CreationTime { get; set; } = string.Empty;

        public static CacheRow From(CacheEntry entry) => new()
        {
            Key = entry.Key,
            ExecutionArn = entry.ExecutionArn,
            StepName = entry.StepName,
            PropertiesJson = entry.PropertiesJson,
            MetadataJson = entry.MetadataJson,
            CreationTime = SqliteValues.FromTime(entry.CreationTime),
        };

        public CacheEntry ToRecord() =>
            new(Key, ExecutionArn, StepName, PropertiesJson, MetadataJson, SqliteValues.ToTime(CreationTime));
    }

    internal sealed class JobRow
    {
        public string Kind { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        public string Arn { get; set; } = string.Empty;

        public string Status { get; set; } = string.Empty;

        public string ExecutionArn { get; set; } = string.Empty;

        public string StepName { get; set; } = string.Empty;

        public string? ParentName { get; set; }

        public string DescribeJson { get; set; } = string.Empty;

        public string CreationTime { get; set; } = string.Empty;

        public string LastModifiedTime { get; set; } = string.Empty;

        public static JobRow From(JobRecord job) => new()
        {
            Kind = job.Kind.ToString(),
            Name = job.Name,
            Arn = job.Arn,
            Status = job.Status,
            ExecutionArn = job.ExecutionArn,
            StepName = job.StepName,
            ParentName = job.ParentName,
            DescribeJson = job.DescribeJson,
            CreationTime = SqliteValues.FromTime(job.CreationTime),
            LastModifiedTime = SqliteValues.FromTime(job.LastModifiedTime),
        };

        public JobRecord ToRecord() => new(
            Enum.Parse<JobKind>(Kind),
            Name,
            Arn,
            Status,
            ExecutionArn,
            StepName,
            ParentName,
            DescribeJson,
            SqliteValues.ToTime(CreationTime),
            SqliteValues.ToTime(LastModifiedTime));
    }

    internal sealed class ClientTokenRow
    {
        public string Operation { get; set; } = string.Empty;

        public string Token { get; set; } = string.Empty;

        public string RequestBody { get; set; } = string.Empty;

        public string ResponseBody { get; set; } = string.Empty;

        public string CreationTime { get; set; } = string.Empty;

        public ClientTokenRecord ToRecord() => new(Operation, Token, RequestBody, ResponseBody, SqliteValues.ToTime(CreationTime));
    }

    internal sealed class ModelRow
    {
        public string Name { get; set; } = string.Empty;

        public string Arn { get; set; } = string.Empty;

        public string DescribeJson { get; set; } = string.Empty;

        public string CreationTime { get; set; } = string.Empty;

        public ModelRecord ToRecord() => new(Name, Arn, DescribeJson, SqliteValues.ToTime(CreationTime));
    }

    internal sealed class PackageRow
    {
        public string GroupName { get; set; } = string.Empty;

        public long Version { get; set; }

        public string Arn { get; set; } = string.Empty;

        public string ApprovalStatus { get; set; } = string.Empty;

        public string DescribeJson { get; set; } = string.Empty;

        public string CreationTime { get; set; } = string.Empty;

        public string LastModifiedTime { get; set; } = string.Empty;

        public static PackageRow From(ModelPackageRecord package) => new()
        {
            GroupName = package.GroupName,
            Version = package.Version,
            Arn = package.Arn,
            ApprovalStatus = package.ApprovalStatus,
            DescribeJson = package.DescribeJson,
            CreationTime = SqliteValues.FromTime(package.CreationTime),
            LastModifiedTime = SqliteValues.FromTime(package.LastModifiedTime),
        };

        public ModelPackageRecord ToRecord() => new(
            GroupName, (int)Version, Arn, ApprovalStatus, DescribeJson, SqliteValues.ToTime(CreationTime), SqliteValues.ToTime(LastModifiedTime));
    }

    internal sealed class MessageRow
    {
        public long Id { get; set; }

        public string MessageId { get; set; } = string.Empty;

        public string Body { get; set; } = string.Empty;

        public int ReceiveCount { get; set; }

        public string SentTime { get; set; } = string.Empty;

        public string? MessageAttributes { get; set; }
    }

    internal sealed class QueueRow
    {
        public string Name { get; set; } = string.Empty;

        public string CreationTime { get; set; } = string.Empty;

        public string? LastModifiedTime { get; set; }

        public string? AttributesJson { get; set; }

        public QueueRecord ToRecord() => new(
            Name, SqliteValues.ToTime(CreationTime), SqliteValues.ToTime(LastModifiedTime ?? CreationTime), QueueSettings.FromJson(AttributesJson));
    }

}
