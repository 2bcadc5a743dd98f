using Sluice.Core.Execution;
using Sluice.Core.Storage;

namespace Sluice.Core.Tests.Storage;

/// <summary>Records for store tests, at fixed times.</summary>
internal static class StoreTestData
{
    public const string Region = "us-east-1";
    public const string Account = "111122223333";

    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static string PipelineArn(string name) => $"arn:aws:sagemaker:{Region}:{Account}:pipeline/{name}";

    public static string ExecutionArn(string pipeline, string id) => $"{PipelineArn(pipeline)}/execution/{id}";

    public static PipelineRecord NewPipeline(string name, DateTimeOffset? time = null, string definition = "{\"Steps\":[]}") =>
        new(name, PipelineArn(name), 0, definition, null, null, null, null, time ?? T0, time ?? T0);

    public static ExecutionRecord NewExecution(
        string pipeline, string id, DateTimeOffset? creation = null, ExecutionStatus status = ExecutionStatus.Executing) =>
        new(
            ExecutionArn(pipeline, id),
            id,
            pipeline,
            PipelineArn(pipeline),
            1,
            status,
            null,
            null,
            null,
            [],
            null,
            null,
            creation ?? T0,
            creation ?? T0);

    public static StepRecord NewStep(
        string executionArn, string name, DateTimeOffset? start = null, StepStatus status = StepStatus.Executing) =>
        new(executionArn, name, "Processing", status, start ?? T0, null, 1, null, null, null, null, null, null, null);

    public static CallbackRecord NewCallback(string token, string executionArn) =>
        new(token, executionArn, "Wait", CallbackStatus.Pending, null, null, T0);

    public static CacheEntry NewCacheEntry(string key, string executionArn, DateTimeOffset creation) =>
        new(key, executionArn, "Train", "{\"TrainingJobName\":\"job\"}", null, creation);
}
