using System.Text.Json.Nodes;
using Sluice.Core.Configuration;
using Sluice.Core.Execution;
using Sluice.Core.Hosting;
using Sluice.Core.Steps;
using Sluice.Core.Storage;

namespace Sluice.Core.Tests.Export.StepFunctions.SideBySide;

/// <summary>What a Sluice run did and left behind, for the moto side to start from.</summary>
/// <param name="Outcome">The run's outcome.</param>
/// <param name="ExecutionId">The execution's id (the moto execution gets it as its name, so paths built from it agree).</param>
/// <param name="Objects">Every object in Sluice's object store after the run, by <c>s3://</c> URI.</param>
/// <param name="Steps">The stored step records.</param>
internal sealed record SluiceRun(RunOutcome Outcome, string ExecutionId, IReadOnlyDictionary<string, byte[]> Objects, IReadOnlyList<StepRecord> Steps);

/// <summary>
/// Runs a case in Sluice, in process (<see cref="SluiceHost"/> over a temporary data directory, real jobs in the sandbox,
/// the system clock), answering Callback tokens as the case says, and reads the outcome from the stored records.
/// </summary>
internal static class SluiceSide
{
    /// <summary>The output every Lambda stand-in of these cases returns (moto's Lambda is given the same payload).</summary>
    public const string LambdaOutput = """{"who": "tests"}""";

    public static async Task<SluiceRun> RunAsync(SideBySideCase @case, string dataDirectory, CancellationToken cancellationToken)
    {
        var definition = JsonNode.Parse(@case.Definition)!.AsObject();
        var configuration = SluiceConfiguration.Empty with
        {
            Python = @case.NeedsScikitLearn ? "/usr/bin/python3" : "python3",
            LambdaFunctions = FunctionArns(definition).Distinct().ToDictionary(
                arn => arn,
                _ => new LambdaFunction(["python3", "-c", "print('" + LambdaOutput.Replace("\"", "\\\"", StringComparison.Ordinal) + "')"], null, null, new Dictionary<string, string>(), null)),
        };
        @case.Seed?.Invoke(Path.Combine(dataDirectory, "objects"));
        await using var host = await SluiceHost.StartAsync(
            new SluiceHostOptions
            {
                DataDirectory = dataDirectory,
                Configuration = configuration,
                MaxConcurrentJobs = 2,
                CallbackPollInterval = TimeSpan.FromMilliseconds(100),
            },
            cancellationToken);
        var engine = host.Engine;
        await engine.SavePipelineAsync("side-by-side", definition.ToJsonString(), null, null, null, null, cancellationToken);
        var started = await engine.StartExecutionAsync(
            new StartExecutionRequest
            {
                PipelineName = "side-by-side",
                Parameters = [.. @case.Parameters.Select(p => new ParameterValue(p.Key, Text(p.Value!)))],
            },
            cancellationToken);
        var done = engine.WaitAsync(started.Arn, cancellationToken);
        var answers = new Queue<CallbackAnswer>(@case.CallbackAnswers);
        var queues = QueueUrls(definition).Select(CallbackStepRunner.QueueName).Distinct().ToList();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(4);
        while (!done.IsCompleted)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, $"{@case.Id}: the Sluice run did not end in 4 minutes");
            foreach (var queue in queues)
            {
                foreach (var message in await host.Store.ReceiveMessagesAsync(queue, 10, TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow, cancellationToken))
                {
                    var token = JsonNode.Parse(message.Body)!["token"]!.GetValue<string>();
                    var answer = answers.Count > 0 ? answers.Dequeue() : new CallbackAnswer(new Dictionary<string, string>());
                    if (answer.FailureReason is { } reason)
                    {
                        await engine.SendStepFailureAsync(token, reason, cancellationToken);
                    }
                    else
                    {
                        await engine.SendStepSuccessAsync(token, [.. answer.Outputs.Select(o => new ParameterValue(o.Key, o.Value))], cancellationToken);
                    }

                    await host.Store.DeleteMessageAsync(queue, message.ReceiptHandle, cancellationToken);
                }
            }

            await Task.WhenAny(done, Task.Delay(50, cancellationToken));
        }

        var execution = await done;
        var steps = await host.Store.ListStepsAsync(execution.Arn, cancellationToken);
        var failStep = steps.FirstOrDefault(s => s.StepType == "Fail" && s.Status == StepStatus.Failed);
        var outcome = new RunOutcome(
            execution.Status.ToString(),
            failStep is null ? null : execution.FailureReason,
            [.. steps.Select(s => s.StepName).Order(StringComparer.Ordinal)],
            [.. steps.Where(s => s.StepType == "Condition" && s.Status == StepStatus.Succeeded)
                .Select(s => s.StepName + "=" + JsonNode.Parse(s.MetadataJson!)!["Condition"]!["Outcome"]!.GetValue<string>())
                .Order(StringComparer.Ordinal)]);
        return new SluiceRun(outcome, execution.ExecutionId, ReadObjects(Path.Combine(dataDirectory, "objects")), steps);
    }

    /// <summary>A parameter value as <c>sluice run --param</c> takes it.</summary>
    private static string Text(JsonNode value) => value.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.String => value.GetValue<string>(),
        System.Text.Json.JsonValueKind.True => "true",
        System.Text.Json.JsonValueKind.False => "false",
        _ => value.ToJsonString(),
    };

    private static Dictionary<string, byte[]> ReadObjects(string root)
    {
        var objects = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (!Directory.Exists(root))
        {
            return objects;
        }

        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            objects["s3://" + Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/')] = File.ReadAllBytes(file);
        }

        return objects;
    }

    /// <summary>Every step of the definition, the steps inside Condition steps' branches included.</summary>
    public static IEnumerable<JsonObject> AllSteps(JsonObject definition)
    {
        IEnumerable<JsonObject> Walk(JsonArray? steps)
        {
            foreach (var step in steps ?? [])
            {
                var s = step!.AsObject();
                yield return s;
                foreach (var nested in Walk(s["Arguments"]?["IfSteps"] as JsonArray).Concat(Walk(s["Arguments"]?["ElseSteps"] as JsonArray)))
                {
                    yield return nested;
                }
            }
        }

        return Walk(definition["Steps"] as JsonArray);
    }

    public static IEnumerable<string> FunctionArns(JsonObject definition) =>
        AllSteps(definition).Where(s => s["Type"]?.GetValue<string>() == "Lambda").Select(s => s["FunctionArn"]!.GetValue<string>());

    public static IEnumerable<string> QueueUrls(JsonObject definition) =>
        AllSteps(definition).Where(s => s["Type"]?.GetValue<string>() == "Callback").Select(s => s["SqsQueueUrl"]!.GetValue<string>());
}
