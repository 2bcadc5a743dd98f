using System.Text.Json.Nodes;
using Sluice.Server.Tests.Support;

namespace Sluice.Server.Tests.Hosting.Fuzz;

/// <summary>
/// A valid request for every operation the server answers, naming what <see cref="FuzzWorld"/> made, with every
/// member the model has that the server reads (and a few it only validates): the material the mutations start from.
/// Tokens and new names are drawn from the generator, so a request that survives its mutations acts once.
/// </summary>
internal static class SeedRequests
{
    private static readonly Dictionary<string, Func<FuzzWorld, Random, JsonObject>> Seeds = new(StringComparer.Ordinal)
    {
        ["SageMaker.CreatePipeline"] = (w, r) => r.Next(4) == 0
            ? new() { ["PipelineName"] = NewName(r), ["PipelineDefinitionS3Location"] = new JsonObject { ["Bucket"] = "bucket", ["ObjectKey"] = "definitions/p.json" }, ["ClientRequestToken"] = Token(r), ["RoleArn"] = TestPipelines.Role }
            : new()
            {
                ["PipelineName"] = NewName(r), ["PipelineDisplayName"] = "Display", ["PipelineDefinition"] = TestPipelines.Instant,
                ["PipelineDescription"] = "made by the fuzzer", ["ClientRequestToken"] = Token(r), ["RoleArn"] = TestPipelines.Role,
                ["Tags"] = new JsonArray(new JsonObject { ["Key"] = "team", ["Value"] = "ml" }),
                ["ParallelismConfiguration"] = new JsonObject { ["MaxParallelExecutionSteps"] = 2 },
            },
        ["SageMaker.UpdatePipeline"] = (w, r) => new()
        {
            ["PipelineName"] = FuzzWorld.Versioned, ["PipelineDisplayName"] = "Display", ["PipelineDefinition"] = TestPipelines.Instant,
            ["PipelineDescription"] = "updated", ["RoleArn"] = TestPipelines.Role, ["ParallelismConfiguration"] = new JsonObject { ["MaxParallelExecutionSteps"] = 3 },
        },
        ["SageMaker.AddTags"] = (w, r) => new() { ["ResourceArn"] = w.VersionedArn, ["Tags"] = new JsonArray(new JsonObject { ["Key"] = "team", ["Value"] = "ml" }) },
        ["SageMaker.ListTags"] = (w, r) => new() { ["ResourceArn"] = w.VersionedArn, ["MaxResults"] = 50, ["NextToken"] = "MA==" },
        ["SageMaker.DeleteTags"] = (w, r) => new() { ["ResourceArn"] = w.VersionedArn, ["TagKeys"] = new JsonArray("team") },
        ["SageMaker.DeletePipeline"] = (w, r) => new() { ["PipelineName"] = FuzzWorld.Doomed, ["ClientRequestToken"] = Token(r) },
        ["SageMaker.DescribePipeline"] = (w, r) => new() { ["PipelineName"] = r.Next(2) == 0 ? FuzzWorld.Versioned : w.VersionedArn, ["PipelineVersionId"] = 1 },
        ["SageMaker.ListPipelines"] = (w, r) => new()
        {
            ["PipelineNamePrefix"] = "kept", ["CreatedAfter"] = 0, ["CreatedBefore"] = 4102444800, ["SortBy"] = "Name",
            ["SortOrder"] = "Ascending", ["MaxResults"] = 1, ["NextToken"] = "MQ==",
        },
        ["SageMaker.ListPipelineVersions"] = (w, r) => new()
        {
            ["PipelineName"] = FuzzWorld.Versioned, ["CreatedAfter"] = 0, ["CreatedBefore"] = 4102444800.5, ["SortOrder"] = "Ascending", ["MaxResults"] = 1, ["NextToken"] = "MQ==",
        },
        ["SageMaker.UpdatePipelineVersion"] = (w, r) => new()
        {
            ["PipelineArn"] = w.VersionedArn, ["PipelineVersionId"] = 1, ["PipelineVersionDisplayName"] = "first", ["PipelineVersionDescription"] = "the first",
        },
        ["SageMaker.UpdatePipelineExecution"] = (w, r) => new()
        {
            ["PipelineExecutionArn"] = Execution(w, r), ["PipelineExecutionDescription"] = "described", ["PipelineExecutionDisplayName"] = "shown",
            ["ParallelismConfiguration"] = new JsonObject { ["MaxParallelExecutionSteps"] = 4 },
        },
        ["SageMaker.StartPipelineExecution"] = (w, r) =>
        {
            var request = new JsonObject
            {
                ["PipelineName"] = FuzzWorld.Kept, ["PipelineExecutionDisplayName"] = "run", ["PipelineExecutionDescription"] = "a run",
                ["PipelineParameters"] = new JsonArray(), ["ClientRequestToken"] = Token(r), ["PipelineVersionId"] = 1,
                ["ParallelismConfiguration"] = new JsonObject { ["MaxParallelExecutionSteps"] = 1 }, ["MlflowExperimentName"] = "experiment",
            };
            if (r.Next(3) == 0)
            {
                request["PipelineName"] = FuzzWorld.Waiting;
                request["PipelineParameters"] = new JsonArray(new JsonObject { ["Name"] = "Threshold", ["Value"] = "7" });
            }

            if (r.Next(3) == 0)
            {
                request["SelectiveExecutionConfig"] = new JsonObject
                {
                    ["SourcePipelineExecutionArn"] = w.Executions[0], ["SelectedSteps"] = new JsonArray(new JsonObject { ["StepName"] = "Check" }),
                };
            }

            return request;
        },
        ["SageMaker.StopPipelineExecution"] = (w, r) => new() { ["PipelineExecutionArn"] = Execution(w, r), ["ClientRequestToken"] = Token(r) },
        ["SageMaker.RetryPipelineExecution"] = (w, r) => new()
        {
            ["PipelineExecutionArn"] = Execution(w, r), ["ClientRequestToken"] = Token(r), ["ParallelismConfiguration"] = new JsonObject { ["MaxParallelExecutionSteps"] = 2 },
        },
        ["SageMaker.DescribePipelineExecution"] = (w, r) => new() { ["PipelineExecutionArn"] = Execution(w, r) },
        ["SageMaker.ListPipelineExecutions"] = (w, r) => new()
        {
            ["PipelineName"] = FuzzWorld.Kept, ["CreatedAfter"] = 0, ["CreatedBefore"] = "2100-01-01T00:00:00Z", ["SortBy"] = "CreationTime",
            ["SortOrder"] = "Ascending", ["NextToken"] = w.ExecutionsPageToken, ["MaxResults"] = 1,
        },
        ["SageMaker.ListPipelineExecutionSteps"] = (w, r) => new() { ["PipelineExecutionArn"] = Execution(w, r), ["NextToken"] = "MA==", ["MaxResults"] = 1, ["SortOrder"] = "Ascending" },
        ["SageMaker.ListPipelineParametersForExecution"] = (w, r) => new() { ["PipelineExecutionArn"] = w.Executions[^1], ["NextToken"] = "MA==", ["MaxResults"] = 1 },
        ["SageMaker.DescribePipelineDefinitionForExecution"] = (w, r) => new() { ["PipelineExecutionArn"] = Execution(w, r) },
        ["SageMaker.SendPipelineExecutionStepSuccess"] = (w, r) => new()
        {
            ["CallbackToken"] = w.CallbackToken, ["OutputParameters"] = new JsonArray(new JsonObject { ["Name"] = "score", ["Value"] = "9" }), ["ClientRequestToken"] = Token(r),
        },
        ["SageMaker.SendPipelineExecutionStepFailure"] = (w, r) => new() { ["CallbackToken"] = w.CallbackToken, ["FailureReason"] = "refused", ["ClientRequestToken"] = Token(r) },
        ["SageMaker.DescribeProcessingJob"] = (w, r) => new() { ["ProcessingJobName"] = "processing-1" },
        ["SageMaker.DescribeTrainingJob"] = (w, r) => new() { ["TrainingJobName"] = "training-1" },
        ["SageMaker.DescribeTransformJob"] = (w, r) => new() { ["TransformJobName"] = "transform-1" },
        ["SageMaker.DescribeHyperParameterTuningJob"] = (w, r) => new() { ["HyperParameterTuningJobName"] = "tuning-1" },
        ["SageMaker.ListTrainingJobsForHyperParameterTuningJob"] = (w, r) => new()
        {
            ["HyperParameterTuningJobName"] = "tuning-1", ["NextToken"] = "MA==", ["MaxResults"] = 1, ["StatusEquals"] = "Completed",
            ["SortBy"] = "FinalObjectiveMetricValue", ["SortOrder"] = "Descending",
        },
        ["SageMaker.DescribeModel"] = (w, r) => new() { ["ModelName"] = "model-1" },
        ["SageMaker.DescribeModelPackage"] = (w, r) => new() { ["ModelPackageName"] = FuzzWorld.ModelPackageArn },
        ["SageMaker.DescribeModelPackageGroup"] = (w, r) => new() { ["ModelPackageGroupName"] = "group" },
        ["SageMaker.ListModelPackages"] = (w, r) => new()
        {
            ["CreationTimeAfter"] = 0, ["CreationTimeBefore"] = 4102444800, ["MaxResults"] = 1, ["NameContains"] = "gro",
            ["ModelApprovalStatus"] = "Approved", ["ModelPackageGroupName"] = "group", ["ModelPackageType"] = "Versioned",
            ["NextToken"] = "MA==", ["SortBy"] = "CreationTime", ["SortOrder"] = "Ascending",
        },
        ["SageMaker.ListModelPackageGroups"] = (w, r) => new()
        {
            ["CreationTimeAfter"] = 0, ["CreationTimeBefore"] = 4102444800, ["MaxResults"] = 1, ["NameContains"] = "gro",
            ["NextToken"] = "MA==", ["SortBy"] = "Name", ["SortOrder"] = "Descending", ["CrossAccountFilterOption"] = "SameAccount",
        },
        ["SageMaker.UpdateModelPackage"] = (w, r) => new()
        {
            ["ModelPackageArn"] = FuzzWorld.ModelPackageArn, ["ModelApprovalStatus"] = "Approved", ["ApprovalDescription"] = "fine",
            ["CustomerMetadataProperties"] = new JsonObject { ["owner"] = "ml" }, ["CustomerMetadataPropertiesToRemove"] = new JsonArray("old"),
        },
        ["AmazonSQS.CreateQueue"] = (w, r) => new()
        {
            ["QueueName"] = NewName(r), ["Attributes"] = new JsonObject { ["VisibilityTimeout"] = "30" }, ["tags"] = new JsonObject { ["team"] = "ml" },
        },
        ["AmazonSQS.GetQueueUrl"] = (w, r) => new() { ["QueueName"] = FuzzWorld.KeptQueue, ["QueueOwnerAWSAccountId"] = "000000000000" },
        ["AmazonSQS.ListQueues"] = (w, r) => new() { ["QueueNamePrefix"] = "kept", ["NextToken"] = "MA==", ["MaxResults"] = 10 },
        ["AmazonSQS.DeleteQueue"] = (w, r) => new() { ["QueueUrl"] = w.QueueUrl(FuzzWorld.DoomedQueue) },
        ["AmazonSQS.PurgeQueue"] = (w, r) => new() { ["QueueUrl"] = w.QueueUrl(FuzzWorld.SinkQueue) },
        ["AmazonSQS.SendMessage"] = (w, r) => new()
        {
            ["QueueUrl"] = w.QueueUrl(FuzzWorld.SinkQueue), ["MessageBody"] = "{\"hello\": \"world\"}", ["DelaySeconds"] = 0,
            ["MessageAttributes"] = new JsonObject { ["kind"] = new JsonObject { ["DataType"] = "String", ["StringValue"] = "test" } },
            ["MessageSystemAttributes"] = new JsonObject { ["AWSTraceHeader"] = new JsonObject { ["DataType"] = "String", ["StringValue"] = "Root=1" } },
            ["MessageDeduplicationId"] = "dedup", ["MessageGroupId"] = "group",
        },
        ["AmazonSQS.ReceiveMessage"] = (w, r) => new()
        {
            // WaitTimeSeconds 0, and no mutation makes it 1 to 20: a long poll would only slow the suite down.
            ["QueueUrl"] = w.QueueUrl(FuzzWorld.KeptQueue), ["AttributeNames"] = new JsonArray("All"), ["MessageSystemAttributeNames"] = new JsonArray("SentTimestamp"),
            ["MessageAttributeNames"] = new JsonArray("All"), ["MaxNumberOfMessages"] = 1, ["VisibilityTimeout"] = 0, ["WaitTimeSeconds"] = 0,
            ["ReceiveRequestAttemptId"] = "attempt",
        },
        ["AmazonSQS.DeleteMessage"] = (w, r) => new() { ["QueueUrl"] = w.QueueUrl(FuzzWorld.KeptQueue), ["ReceiptHandle"] = w.ReceiptHandle },
        ["AmazonSQS.ChangeMessageVisibility"] = (w, r) => new() { ["QueueUrl"] = w.QueueUrl(FuzzWorld.KeptQueue), ["ReceiptHandle"] = w.ReceiptHandle, ["VisibilityTimeout"] = 0 },
        ["AmazonSQS.GetQueueAttributes"] = (w, r) => new() { ["QueueUrl"] = w.QueueUrl(FuzzWorld.KeptQueue), ["AttributeNames"] = new JsonArray("All") },
        ["AmazonSQS.SetQueueAttributes"] = (w, r) => new()
        {
            ["QueueUrl"] = w.QueueUrl(FuzzWorld.SinkQueue), ["Attributes"] = new JsonObject { ["MessageRetentionPeriod"] = "345600", ["DelaySeconds"] = "0" },
        },
        ["AmazonSQS.SendMessageBatch"] = (w, r) => new()
        {
            ["QueueUrl"] = w.QueueUrl(FuzzWorld.SinkQueue),
            ["Entries"] = new JsonArray(
                new JsonObject { ["Id"] = "a", ["MessageBody"] = "one", ["DelaySeconds"] = 0 },
                new JsonObject
                {
                    ["Id"] = "b", ["MessageBody"] = "two",
                    ["MessageAttributes"] = new JsonObject { ["n"] = new JsonObject { ["DataType"] = "Number", ["StringValue"] = "2" } },
                }),
        },
        ["AmazonSQS.DeleteMessageBatch"] = (w, r) => new()
        {
            ["QueueUrl"] = w.QueueUrl(FuzzWorld.KeptQueue),
            ["Entries"] = new JsonArray(new JsonObject { ["Id"] = "a", ["ReceiptHandle"] = w.ReceiptHandle }),
        },
        ["AmazonSQS.ChangeMessageVisibilityBatch"] = (w, r) => new()
        {
            ["QueueUrl"] = w.QueueUrl(FuzzWorld.KeptQueue),
            ["Entries"] = new JsonArray(new JsonObject { ["Id"] = "a", ["ReceiptHandle"] = w.ReceiptHandle, ["VisibilityTimeout"] = 0 }),
        },
    };

    /// <summary>Every target with a seed.</summary>
    public static IReadOnlyCollection<string> Targets => Seeds.Keys;

    /// <summary>A valid request for <paramref name="target"/>.</summary>
    public static JsonObject For(string target, FuzzWorld world, Random random) => Seeds[target](world, random);

    private static string NewName(Random random) => "fuzz-" + random.Next(1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Token(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }

    private static string Execution(FuzzWorld world, Random random) => world.Executions[random.Next(world.Executions.Count)];
}
