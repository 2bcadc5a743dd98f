using System.Net;
using System.Text;
using System.Text.Json;
using Sluice.Core.Execution;
using Sluice.Server.Tests.Support;

namespace Sluice.Server.Tests.Hosting.Fuzz;

/// <summary>
/// What exists before the fuzzing starts: pipelines, executions (one waiting on its Callback step), queues with
/// messages, a live page token and receipt handle. Seed requests name these, so mutated requests reach past
/// validation into the handlers; afterwards <see cref="VerifyAsync"/> checks that all of it is still listed and
/// described. Requests that destroy (DeletePipeline, DeleteQueue, PurgeQueue) name resources made to be destroyed.
/// </summary>
internal sealed class FuzzWorld
{
    public const string Kept = "kept-a";
    public const string Versioned = "kept-b";
    public const string Waiting = "kept-callback";
    public const string Doomed = "doomed";
    public const string KeptQueue = "kept-queue";
    public const string SinkQueue = "sink-queue";
    public const string DoomedQueue = "doomed-queue";
    public const string ModelPackageArn = "arn:aws:sagemaker:us-east-1:000000000000:model-package/group/1";

    private readonly ServerHarness _server;
    private readonly HttpClient _http;

    private FuzzWorld(ServerHarness server, HttpClient http)
    {
        _server = server;
        _http = http;
    }

    /// <summary>The server's base URL, as queue URLs start.</summary>
    public string BaseUrl => _server.Address.ToString().TrimEnd('/');

    /// <summary>Executions that must survive: two of <see cref="Kept"/>, one of <see cref="Waiting"/>.</summary>
    public List<string> Executions { get; } = [];

    /// <summary>Pipelines the fuzzer's requests created, by name.</summary>
    public HashSet<string> Created { get; } = new(StringComparer.Ordinal);

    /// <summary>Executions the fuzzer's requests started.</summary>
    public HashSet<string> Started { get; } = new(StringComparer.Ordinal);

    /// <summary>The ARN of <see cref="Versioned"/>, which has two versions.</summary>
    public string VersionedArn { get; private set; } = string.Empty;

    /// <summary>The Callback step's token of the waiting execution.</summary>
    public string CallbackToken { get; private set; } = string.Empty;

    /// <summary>A NextToken of ListPipelineExecutions over <see cref="Kept"/>, one per page, ascending by creation time.</summary>
    public string ExecutionsPageToken { get; private set; } = string.Empty;

    /// <summary>A receipt handle of a message of <see cref="KeptQueue"/>.</summary>
    public string ReceiptHandle { get; private set; } = string.Empty;

    /// <summary>The URL of a queue by name.</summary>
    public string QueueUrl(string name) => $"{BaseUrl}/000000000000/{name}";

    /// <summary>Creates the world on a fresh server.</summary>
    public static async Task<FuzzWorld> CreateAsync(ServerHarness server, HttpClient http)
    {
        var world = new FuzzWorld(server, http);
        await world.FillAsync();
        return world;
    }

    /// <summary>Notes what a request that succeeded made, so <see cref="VerifyAsync"/> looks for it too.</summary>
    public void Record(string? target, string answer)
    {
        using var document = JsonDocument.Parse(answer);
        if (target == "SageMaker.CreatePipeline")
        {
            Created.Add(Arns.PipelineName(document.RootElement.GetProperty("PipelineArn").GetString()!));
        }
        else if (target == "SageMaker.StartPipelineExecution")
        {
            Started.Add(document.RootElement.GetProperty("PipelineExecutionArn").GetString()!);
        }
    }

    /// <summary>Checks the server is alive and everything made before the fuzzing is still listed and described.</summary>
    public async Task VerifyAsync()
    {
        using (var health = await _http.GetAsync(new Uri(_server.Address, "health"), TestContext.Current.CancellationToken))
        {
            (await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe("ok");
        }

        var listed = await ListAllAsync("SageMaker.ListPipelines", new Dictionary<string, object>(), "PipelineSummaries", "PipelineName");
        listed.ShouldBeUnique();
        foreach (var name in Created.Append(Kept).Append(Versioned).Append(Waiting))
        {
            listed.ShouldContain(name);
        }

        foreach (var name in listed)
        {
            // Every pipeline listed, the fuzzer's too, is described under the same name.
            (await PostAsync("SageMaker.DescribePipeline", new { PipelineName = name })).GetProperty("PipelineName").GetString().ShouldBe(name);
        }

        var made = Executions.Concat(Started).ToList();
        foreach (var pipeline in made.Select(Arns.PipelineName).Distinct(StringComparer.Ordinal))
        {
            var executions = await ListAllAsync("SageMaker.ListPipelineExecutions", new() { ["PipelineName"] = pipeline }, "PipelineExecutionSummaries", "PipelineExecutionArn");
            executions.ShouldBeUnique();
            foreach (var execution in made.Where(e => Arns.PipelineName(e) == pipeline))
            {
                executions.ShouldContain(execution);
            }

            foreach (var arn in executions)
            {
                (await PostAsync("SageMaker.DescribePipelineExecution", new { PipelineExecutionArn = arn })).GetProperty("PipelineExecutionArn").GetString().ShouldBe(arn);
            }
        }

        (await PostAsync("SageMaker.ListPipelineVersions", new { PipelineName = Versioned })).GetProperty("PipelineVersionSummaries").GetArrayLength().ShouldBeGreaterThanOrEqualTo(2);
        (await PostAsync("AmazonSQS.GetQueueUrl", new { QueueName = KeptQueue })).GetProperty("QueueUrl").GetString().ShouldBe(QueueUrl(KeptQueue));
        var queues = (await PostAsync("AmazonSQS.ListQueues", new { })).GetProperty("QueueUrls").EnumerateArray().Select(u => u.GetString()).ToList();
        queues.ShouldContain(QueueUrl(KeptQueue));
        queues.ShouldContain(QueueUrl(SinkQueue));
    }

    private async Task FillAsync()
    {
        var definition = Path.Combine(_server.Directory, "objects", "bucket", "definitions", "p.json");
        Directory.CreateDirectory(Path.GetDirectoryName(definition)!);
        await File.WriteAllTextAsync(definition, TestPipelines.Instant, TestContext.Current.CancellationToken);
        await CreatePipelineAsync(Kept, TestPipelines.Instant);
        await CreatePipelineAsync(Versioned, TestPipelines.Instant);
        VersionedArn = (await PostAsync("SageMaker.UpdatePipeline", new { PipelineName = Versioned, PipelineDescription = "second version" })).GetProperty("PipelineArn").GetString()!;
        await CreatePipelineAsync(Waiting, TestPipelines.CallbackThenCondition);
        await CreatePipelineAsync(Doomed, TestPipelines.Instant);
        for (var i = 0; i < 2; i++)
        {
            Executions.Add(await StartAsync(Kept));
        }

        Executions.Add(await StartAsync(Waiting));
        CallbackToken = await CallbackTokenAsync(Executions[^1]);
        ExecutionsPageToken = (await PostAsync("SageMaker.ListPipelineExecutions", new { PipelineName = Kept, MaxResults = 1, SortOrder = "Ascending" }))
            .GetProperty("NextToken").GetString()!;
        foreach (var queue in new[] { KeptQueue, SinkQueue, DoomedQueue })
        {
            await PostAsync("AmazonSQS.CreateQueue", new { QueueName = queue });
        }

        for (var i = 0; i < 3; i++)
        {
            await PostAsync("AmazonSQS.SendMessage", new { QueueUrl = QueueUrl(KeptQueue), MessageBody = "message " + i });
        }

        var received = await PostAsync("AmazonSQS.ReceiveMessage", new { QueueUrl = QueueUrl(KeptQueue), VisibilityTimeout = 0 });
        ReceiptHandle = received.GetProperty("Messages")[0].GetProperty("ReceiptHandle").GetString()!;
    }

    private Task<JsonElement> CreatePipelineAsync(string name, string definition) => PostAsync("SageMaker.CreatePipeline", new
    {
        PipelineName = name,
        PipelineDefinition = definition,
        RoleArn = TestPipelines.Role,
        ClientRequestToken = Guid.NewGuid().ToString(),
    });

    private async Task<string> StartAsync(string pipeline) =>
        (await PostAsync("SageMaker.StartPipelineExecution", new { PipelineName = pipeline, ClientRequestToken = Guid.NewGuid().ToString() }))
            .GetProperty("PipelineExecutionArn").GetString()!;

    private async Task<string> CallbackTokenAsync(string execution)
    {
        for (var i = 0; i < 500; i++)
        {
            var steps = await PostAsync("SageMaker.ListPipelineExecutionSteps", new { PipelineExecutionArn = execution });
            foreach (var step in steps.GetProperty("PipelineExecutionSteps").EnumerateArray())
            {
                if (step.TryGetProperty("Metadata", out var metadata) && metadata.TryGetProperty("Callback", out var callback))
                {
                    return callback.GetProperty("CallbackToken").GetString()!;
                }
            }

            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException("the Callback step published no token");
    }

    /// <summary>Every page of a list, by following NextToken; the values of one member of each item.</summary>
    private async Task<List<string>> ListAllAsync(string target, Dictionary<string, object> request, string list, string member)
    {
        var values = new List<string>();
        for (var page = 0; page < 1000; page++)
        {
            var answer = await PostAsync(target, request);
            values.AddRange(answer.GetProperty(list).EnumerateArray().Select(item => item.GetProperty(member).GetString()!));
            if (!answer.TryGetProperty("NextToken", out var next))
            {
                return values;
            }

            request["NextToken"] = next.GetString()!;
        }

        throw new InvalidOperationException($"{target} did not end after 1000 pages");
    }

    private async Task<JsonElement> PostAsync(string target, object request)
    {
        using var response = await _server.PostAsync(_http, target, JsonSerializer.Serialize(request));
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{target}: {text}");
        using var document = JsonDocument.Parse(Encoding.UTF8.GetBytes(text));
        return document.RootElement.Clone();
    }
}
