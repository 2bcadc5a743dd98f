using System.Text.Json;
using System.Text.Json.Nodes;
using Sluice.Core.Configuration;
using Sluice.Core.Execution;
using Sluice.Core.Storage;
using Sluice.Core.Tests.Support;
using static Sluice.Definitions.Tests.Support.Pipelines;

namespace Sluice.Core.Tests.Execution;

public sealed class PipelineEngineTests
{
    private const string Python = "python3";

    [Theory]
    [InlineData(StoreDurability.Full)]
    [InlineData(StoreDurability.Normal)]
    public async Task Constructor_NoObjectStoreGiven_GivesTheLocalOneTheConfiguredDurability(StoreDurability durability)
    {
        var data = Directory.CreateTempSubdirectory("sluice-engine-objects-").FullName;
        try
        {
            await using var store = new Sluice.Core.Storage.Sqlite.SqliteExecutionStore(data);
            await store.InitializeAsync(TestContext.Current.CancellationToken);
            await using var engine = new PipelineEngine(store, new EngineOptions { DataDirectory = data }, SluiceConfiguration.Empty with { StoreDurability = durability }, TimeProvider.System);

            var objects = engine.Objects.ShouldBeOfType<Sluice.Core.Artifacts.Local.LocalObjectStore>();
            objects.Durability.ShouldBe(durability);
            objects.Root.ShouldBe(Path.Combine(data, "objects"));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Theory]
    [InlineData("5", "Then")]
    [InlineData("1", "Otherwise")]
    public async Task Run_Condition_RunsOnlyTheBranchTaken(string value, string expectedStep)
    {
        await using var harness = await EngineHarness.CreateAsync(Config(("ok", "print('{}')")));
        var definition = Definition(
            [Parameter("N", "Integer", 0)],
            Condition("Check", Compare("GreaterThan", Get("Parameters.N"), 3), [Lambda("Then", "ok")], [Lambda("Otherwise", "ok")]));

        var execution = await harness.RunAsync(definition, parameters: ("N", value));

        execution.Status.ShouldBe(ExecutionStatus.Succeeded);
        var steps = await harness.StepsAsync(execution.Arn);
        steps.Select(s => s.StepName).ShouldBe(["Check", expectedStep]);
        var outcome = value == "5" ? "True" : "False";
        steps[0].MetadataJson.ShouldBe($"{{\"Condition\": {{\"Outcome\": \"{outcome}\"}}}}");
    }

    [Fact]
    public async Task Run_BranchStepReadingAnotherBranchStep_ResolvesOnlyWhenItRuns()
    {
        await using var harness = await EngineHarness.CreateAsync(Config(("ok", "print('{\"v\": \"first\"}')"), ("echo", "import json,sys; print(json.dumps({'got': json.load(sys.stdin)['in']}))")));
        var definition = Definition(
            Condition("Check", Compare("Equals", 1, 1),
                [Lambda("First", "ok", outputs: [("v", "String")]), Lambda("Second", "echo", new JsonObject { ["in"] = Get("Steps.First.OutputParameters['v']") }, [("got", "String")])],
                []));

        var execution = await harness.RunAsync(definition);

        execution.Status.ShouldBe(ExecutionStatus.Succeeded, execution.FailureReason);
        (await harness.StepsAsync(execution.Arn)).Single(s => s.StepName == "Second").PropertiesJson.ShouldBe("{\"OutputParameters\": {\"got\": \"first\"}}");
    }

    [Fact]
    public async Task Start_PipelineDeletedAndCreatedAgain_RunsTheNewDefinition()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var first = await harness.RunAsync(Definition(Fail("Old", "old")), name: "again");

        await harness.Store.DeletePipelineAsync("again", TestContext.Current.CancellationToken);
        var second = await harness.RunAsync(Definition(Fail("New", "new")), name: "again");

        first.FailureReason.ShouldBe("old");
        second.PipelineVersion.ShouldBe(1);
        second.FailureReason.ShouldBe("new");
    }

    [Fact]
    public async Task Run_ExecutionsEnded_HoldsNoRunInMemory()
    {
        await using var harness = await EngineHarness.CreateAsync();
        for (var i = 0; i < 3; i++)
        {
            (await harness.RunAsync(Definition(Fail("Stop", "stop")))).Status.ShouldBe(ExecutionStatus.Failed);
        }

        harness.Engine.RunsHeld.ShouldBe(0);
    }

    [Fact]
    public async Task Stop_ExecutionEndedAndLetGo_IsAConflictNamingItsStatus()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var execution = await harness.RunAsync(Definition(Fail("Stop", "stop")));

        var conflict = await Should.ThrowAsync<ConflictException>(() => harness.Engine.StopExecutionAsync(execution.Arn, TestContext.Current.CancellationToken));

        conflict.Message.ShouldContain("has already ended (Failed)");
        (await harness.Engine.WaitAsync(execution.Arn, TestContext.Current.CancellationToken)).Status.ShouldBe(ExecutionStatus.Failed);
    }

    [Fact]
    public async Task Run_StepsAfterBranchNotTaken_NeverRun()
    {
        await using var harness = await EngineHarness.CreateAsync(Config(("ok", "print('{}')")));
        var definition = Definition(
            Condition("Check", Compare("Equals", 1, 2), [Lambda("Then", "ok")], []),
            Lambda("AfterThen", "ok", dependsOn: "Then"),
            Lambda("Independent", "ok"));

        var execution = await harness.RunAsync(definition);

        execution.Status.ShouldBe(ExecutionStatus.Succeeded);
        (await harness.StepsAsync(execution.Arn)).Select(s => s.StepName).Order().ShouldBe(["Check", "Independent"]);
    }

    [Fact]
    public async Task Run_FailStepWithJoin_FailsTheExecutionWithTheMessage()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var definition = Definition([Parameter("T", "Float", 6.5)], Fail("Stop", Join(" ", "MSE above", Get("Parameters.T"), "for", Get("Execution.PipelineName"))));

        var execution = await harness.RunAsync(definition, name: "fail-pipe");

        execution.Status.ShouldBe(ExecutionStatus.Failed);
        execution.FailureReason.ShouldBe("MSE above 6.5 for fail-pipe");
        var step = (await harness.StepsAsync(execution.Arn)).ShouldHaveSingleItem();
        step.Status.ShouldBe(StepStatus.Failed);
        step.MetadataJson.ShouldNotBeNull().ShouldContain("\"ErrorMessage\"");
    }

    [Fact]
    public async Task Run_FailedStep_StartsNothingNewAndNamesTheStep()
    {
        await using var harness = await EngineHarness.CreateAsync(Config(("crash", "import sys; sys.exit(3)"), ("ok", "print('{}')")));
        var definition = Definition(Lambda("Broken", "crash"), Lambda("Later", "ok", dependsOn: "Broken"));

        var execution = await harness.RunAsync(definition);

        execution.Status.ShouldBe(ExecutionStatus.Failed);
        execution.FailureReason.ShouldNotBeNull().ShouldStartWith("Step 'Broken' failed: Lambda function 'crash' exited with code 3");
        (await harness.StepsAsync(execution.Arn)).Select(s => s.StepName).ShouldBe(["Broken"]);
    }

    [Fact]
    public async Task Run_LambdaOutputsOfEachType_AreTypedAndReadable()
    {
        var script = "import json,sys; e=json.load(sys.stdin); print(json.dumps({'s': e['who'], 'i': '42', 'f': 2.5, 'b': 'True', 'nested': {'a': [1, 2]}}))";
        await using var harness = await EngineHarness.CreateAsync(Config(("outputs", script), ("echo", "import json,sys; print(json.dumps({'got': json.load(sys.stdin)}))")));
        var definition = Definition(
            Lambda("L", "outputs", new JsonObject { ["who"] = Get("Execution.PipelineName") },
                [("s", "String"), ("i", "Integer"), ("f", "Float"), ("b", "Boolean"), ("nested", "String")]),
            Lambda("Reader", "echo", new JsonObject
            {
                ["i"] = Get("Steps.L.OutputParameters['i']"),
                ["f"] = Get("Steps.L.OutputParameters['f']"),
                ["b"] = Get("Steps.L.OutputParameters['b']"),
                ["nested"] = Get("Steps.L.OutputParameters['nested']"),
            }, [("got", "String")]));

        var execution = await harness.RunAsync(definition, name: "typed");

        execution.Status.ShouldBe(ExecutionStatus.Succeeded, execution.FailureReason);
        var steps = await harness.StepsAsync(execution.Arn);
        var properties = JsonNode.Parse(steps.Single(s => s.StepName == "L").PropertiesJson!)!["OutputParameters"]!;
        properties.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
            .ShouldBe("""{"s":"typed","i":42,"f":2.5,"b":true,"nested":"{\"a\": [1, 2]}"}""");
        var got = JsonNode.Parse(JsonNode.Parse(steps.Single(s => s.StepName == "Reader").PropertiesJson!)!["OutputParameters"]!["got"]!.GetValue<string>())!;
        got.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
            .ShouldBe("""{"i":42,"f":2.5,"b":true,"nested":"{\"a\": [1, 2]}"}""");
        steps.Single(s => s.StepName == "L").MetadataJson.ShouldNotBeNull().ShouldContain("\"Arn\": \"arn:aws:lambda:us-east-1:111122223333:function:outputs\"");
    }

    [Theory]
    [InlineData("print('not json')", "which is not JSON")]
    [InlineData("print('[1, 2]')", "not a JSON object")]
    [InlineData("print('{}')", "returned no 'x' output")]
    [InlineData("print('{\"x\": \"abc\"}')", "for output 'x', which is declared Integer")]
    public async Task Run_LambdaBadReply_FailsTheStepClearly(string script, string expected)
    {
        await using var harness = await EngineHarness.CreateAsync(Config(("f", script)));

        var execution = await harness.RunAsync(Definition(Lambda("L", "f", outputs: [("x", "Integer")])));

        execution.Status.ShouldBe(ExecutionStatus.Failed);
        (await harness.StepsAsync(execution.Arn)).Single().FailureReason.ShouldNotBeNull().ShouldContain(expected);
    }

    [Fact]
    public async Task Run_LambdaWithoutStandIn_NamesTheConfigurationKey()
    {
        await using var harness = await EngineHarness.CreateAsync();

        var execution = await harness.RunAsync(Definition(Lambda("L", "missing-fn")));

        (await harness.StepsAsync(execution.Arn)).Single().FailureReason.ShouldNotBeNull().ShouldContain("add lambda.functions.missing-fn to sluice.yaml");
    }

    [Fact]
    public async Task Run_LambdaTimeout_FailsAfterTheConfiguredTime()
    {
        var configuration = Config(("slow", "import time; time.sleep(30)")) with { LambdaTimeout = TimeSpan.FromSeconds(5) };
        await using var harness = await EngineHarness.CreateAsync(configuration);

        var execution = await harness.RunAsync(Definition(Lambda("L", "slow")));

        (await harness.StepsAsync(execution.Arn)).Single().FailureReason.ShouldNotBeNull().ShouldContain("timed out after 5 s");
    }

    [Fact]
    public async Task Run_CallbackSuccess_PostsTheMessageAndTakesTheOutputs()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var definition = Definition([Parameter("Input", "String", "s3://b/in")],
            Callback("Cb", new JsonObject { ["input"] = Get("Parameters.Input") }, [("rows", "Integer")]));
        var execution = await harness.StartAsync(definition);

        var message = await ReceiveOneAsync(harness, "work-queue");
        var body = JsonNode.Parse(message.Body)!;
        body["pipelineExecutionArn"]!.GetValue<string>().ShouldBe(execution.Arn);
        body["arguments"]!.ToJsonString().ShouldBe("""{"input":"s3://b/in"}""");
        var token = body["token"]!.GetValue<string>();
        token.Length.ShouldBe(10);
        await harness.Engine.SendStepSuccessAsync(token, [new ParameterValue("rows", "12")], TestContext.Current.CancellationToken);
        var final = await harness.WaitAsync(execution.Arn);

        final.Status.ShouldBe(ExecutionStatus.Succeeded);
        var step = (await harness.StepsAsync(execution.Arn)).Single();
        step.PropertiesJson.ShouldBe("""{"OutputParameters": {"rows": 12}}""");
        step.MetadataJson.ShouldNotBeNull().ShouldContain($"\"CallbackToken\": \"{token}\"");
        await Should.ThrowAsync<ConflictException>(() => harness.Engine.SendStepSuccessAsync(token, [], TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Run_CallbackFailure_FailsTheStepWithTheReason()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var execution = await harness.StartAsync(Definition(Callback("Cb")));

        var token = JsonNode.Parse((await ReceiveOneAsync(harness, "work-queue")).Body)!["token"]!.GetValue<string>();
        await harness.Engine.SendStepFailureAsync(token, "batch job crashed", TestContext.Current.CancellationToken);
        var final = await harness.WaitAsync(execution.Arn);

        final.Status.ShouldBe(ExecutionStatus.Failed);
        final.FailureReason.ShouldBe("Step 'Cb' failed: batch job crashed");
    }

    [Fact]
    public async Task Send_UnknownToken_IsResourceNotFound()
    {
        await using var harness = await EngineHarness.CreateAsync();

        await Should.ThrowAsync<ResourceNotFoundException>(() => harness.Engine.SendStepFailureAsync("AbCdE12345", "x", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Stop_DuringCallback_PostsStoppingAndWaitsForTheAnswer()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var execution = await harness.StartAsync(Definition(Callback("Cb"), Callback("After", dependsOn: "Cb")));
        var token = JsonNode.Parse((await ReceiveOneAsync(harness, "work-queue")).Body)!["token"]!.GetValue<string>();

        var stopping = await harness.Engine.StopExecutionAsync(execution.Arn, TestContext.Current.CancellationToken);
        stopping.Status.ShouldBe(ExecutionStatus.Stopping);
        var stopMessage = JsonNode.Parse((await ReceiveOneAsync(harness, "work-queue")).Body)!;
        stopMessage["status"]!.GetValue<string>().ShouldBe("Stopping");
        stopMessage["token"]!.GetValue<string>().ShouldBe(token);
        (await harness.Store.GetExecutionAsync(execution.Arn, TestContext.Current.CancellationToken))!.Status.ShouldBe(ExecutionStatus.Stopping);
        await harness.Engine.SendStepSuccessAsync(token, [], TestContext.Current.CancellationToken);
        var final = await harness.WaitAsync(execution.Arn);

        final.Status.ShouldBe(ExecutionStatus.Stopped);
        (await harness.StepsAsync(execution.Arn)).Select(s => (s.StepName, s.Status)).ShouldBe([("Cb", StepStatus.Stopped)]);
        await Should.ThrowAsync<ConflictException>(() => harness.Engine.StopExecutionAsync(execution.Arn, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Run_CachedStep_SecondExecutionHitsTheCache()
    {
        await using var harness = await EngineHarness.CreateAsync(Config(("count", "import json,sys,time; print(json.dumps({'at': str(time.time())}))")));
        var definition = Definition(Lambda("L", "count", new JsonObject { ["x"] = 1 }, [("at", "String")]).WithCache());

        var first = await harness.RunAsync(definition);
        var second = await harness.RunAsync(definition);

        var firstStep = (await harness.StepsAsync(first.Arn)).Single();
        var secondStep = (await harness.StepsAsync(second.Arn)).Single();
        firstStep.CacheSourceExecutionArn.ShouldBeNull();
        secondStep.CacheSourceExecutionArn.ShouldBe(first.Arn);
        secondStep.PropertiesJson.ShouldBe(firstStep.PropertiesJson);
    }

    [Fact]
    public async Task Run_CachedStepAfterExpiry_RunsAgain()
    {
        await using var harness = await EngineHarness.CreateAsync(Config(("ok", "print('{}')")));
        var definition = Definition(Lambda("L", "ok").WithCache("PT1H"));

        var first = await harness.RunAsync(definition);
        harness.Time.Advance(TimeSpan.FromHours(2));
        var second = await harness.RunAsync(definition);

        (await harness.StepsAsync(second.Arn)).Single().CacheSourceExecutionArn.ShouldBeNull();
        first.Status.ShouldBe(ExecutionStatus.Succeeded);
    }

    [Fact]
    public async Task Run_CachedStepAfterPipelineUpdate_StillHitsWhenTheStepIsUnchanged()
    {
        await using var harness = await EngineHarness.CreateAsync(Config(("ok", "print('{}')")));
        var first = await harness.RunAsync(Definition(Lambda("L", "ok").WithCache()));

        var updated = Definition(Lambda("L", "ok").WithCache(), Lambda("New", "ok"));
        var second = await harness.RunAsync(updated);

        (await harness.StepsAsync(second.Arn)).Single(s => s.StepName == "L").CacheSourceExecutionArn.ShouldBe(first.Arn);
    }

    [Fact]
    public async Task Run_ChangedArguments_MissTheCache()
    {
        await using var harness = await EngineHarness.CreateAsync(Config(("ok", "print('{}')")));
        var first = await harness.RunAsync(Definition([Parameter("P", "String", "a")], Lambda("L", "ok", new JsonObject { ["p"] = Get("Parameters.P") }).WithCache()));

        var second = await harness.RunAsync(Definition([Parameter("P", "String", "a")], Lambda("L", "ok", new JsonObject { ["p"] = Get("Parameters.P") }).WithCache()), parameters: ("P", "b"));

        (await harness.StepsAsync(second.Arn)).Single().CacheSourceExecutionArn.ShouldBeNull();
        first.Status.ShouldBe(ExecutionStatus.Succeeded);
    }

    [Fact]
    public async Task Start_BadParameters_ListsEveryProblemBeforeRunning()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var definition = Definition(
            [Parameter("N", "Integer", 1), Parameter("Flag", "Boolean"), Parameter("Mode", "String", "a")],
            Fail("F", Join("-", Get("Parameters.N"), Get("Parameters.Flag"), Get("Parameters.Mode"))));
        definition["Parameters"]![2]!["EnumValues"] = new JsonArray("a", "b");

        var error = await Should.ThrowAsync<ParameterBindingException>(() => harness.StartAsync(definition, parameters: [("N", "x"), ("Mode", "c"), ("Nope", "1")]));

        error.Problems.ShouldBe([
            "'Nope' is not a parameter of this pipeline",
            "parameter 'N' is an Integer; 'x' is not",
            "parameter 'Flag' has no default; give it a value",
            "parameter 'Mode' must be one of 'a', 'b'; 'c' is not",
        ]);
        (await harness.Store.ListExecutionsAsync(null, TestContext.Current.CancellationToken)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Start_BooleanAsPythonSendsIt_IsAcceptedAndKeptAsSent()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var definition = Definition([Parameter("Flag", "Boolean", false)], Fail("F", Join("", Get("Parameters.Flag"))));

        var execution = await harness.RunAsync(definition, parameters: ("Flag", "True"));

        execution.Parameters.ShouldBe([new ParameterValue("Flag", "True")]); // ListPipelineParametersForExecution answers what was sent, as SageMaker does
    }

    [Fact]
    public async Task Start_UnknownPipeline_IsResourceNotFound()
    {
        await using var harness = await EngineHarness.CreateAsync();

        var error = await Should.ThrowAsync<ResourceNotFoundException>(() => harness.Engine.StartExecutionAsync(
            new StartExecutionRequest { PipelineName = "nope" }, TestContext.Current.CancellationToken));

        error.Message.ShouldBe("Pipeline 'nope' does not exist.");
    }

    [Fact]
    public async Task Run_Parallelism_NeverExceedsTheLimit()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var definition = Definition([.. Enumerable.Range(0, 6).Select(i => Callback($"C{i}"))]);
        await harness.Engine.SavePipelineAsync("par", definition.ToJsonString(), null, null, null, null, TestContext.Current.CancellationToken);
        var execution = await harness.Engine.StartExecutionAsync(
            new StartExecutionRequest { PipelineName = "par", MaxParallelExecutionSteps = 2 }, TestContext.Current.CancellationToken);

        var maxRunning = 0;
        for (var answered = 0; answered < 6; answered++)
        {
            var message = await ReceiveOneAsync(harness, "work-queue");
            var steps = await harness.StepsAsync(execution.Arn);
            maxRunning = Math.Max(maxRunning, steps.Count(s => s.Status is StepStatus.Executing or StepStatus.Starting));
            await harness.Engine.SendStepSuccessAsync(JsonNode.Parse(message.Body)!["token"]!.GetValue<string>(), [], TestContext.Current.CancellationToken);
        }

        (await harness.WaitAsync(execution.Arn)).Status.ShouldBe(ExecutionStatus.Succeeded);
        maxRunning.ShouldBe(2);
    }

    [Fact]
    public async Task Run_FiftyExecutionsAtOnce_AllSucceedIsolated()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var definition = Definition(
            [Parameter("I", "Integer", 0)],
            Condition("Check", Compare("GreaterThanOrEqualTo", Get("Parameters.I"), 25), [Fail("High", Join(" ", "high", Get("Parameters.I")))], []));
        await harness.Engine.SavePipelineAsync("many", definition.ToJsonString(), null, null, null, null, TestContext.Current.CancellationToken);

        var executions = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => harness.Engine.StartExecutionAsync(
            new StartExecutionRequest { PipelineName = "many", Parameters = [new ParameterValue("I", i.ToString(System.Globalization.CultureInfo.InvariantCulture))] },
            TestContext.Current.CancellationToken)));
        var finals = await Task.WhenAll(executions.Select(e => harness.WaitAsync(e.Arn)));

        finals.Count(f => f.Status == ExecutionStatus.Succeeded).ShouldBe(25);
        finals.Where(f => f.Status == ExecutionStatus.Failed).Select(f => f.FailureReason).Order().ShouldBe(
            Enumerable.Range(25, 25).Select(i => $"high {i}").Order());
    }

    [Fact]
    public async Task Resume_AfterRestart_ReattachesACallbackAndFinishes()
    {
        var directory = Directory.CreateTempSubdirectory("sluice-resume-").FullName;
        string arn;
        string token;
        await using (var first = await EngineHarness.CreateAsync(dataDirectory: directory))
        {
            var execution = await first.StartAsync(Definition(Callback("Cb", outputs: [("n", "Integer")]), Fail("After", "done", "Cb")));
            arn = execution.Arn;
            token = JsonNode.Parse((await ReceiveOneAsync(first, "work-queue")).Body)!["token"]!.GetValue<string>();
            await first.Engine.DisposeAsync(); // the process goes away mid-execution
        }

        await using var second = await EngineHarness.CreateAsync(dataDirectory: directory);
        (await second.Engine.ResumeAsync(TestContext.Current.CancellationToken)).Select(e => e.Arn).ShouldBe([arn]);
        await second.Engine.SendStepSuccessAsync(token, [new ParameterValue("n", "7")], TestContext.Current.CancellationToken);
        var final = await second.WaitAsync(arn);

        final.Status.ShouldBe(ExecutionStatus.Failed);
        final.FailureReason.ShouldBe("done");
        var steps = await second.StepsAsync(arn);
        steps.Single(s => s.StepName == "Cb").AttemptCount.ShouldBe(1);
        steps.Single(s => s.StepName == "Cb").PropertiesJson.ShouldBe("""{"OutputParameters": {"n": 7}}""");
    }

    private static SluiceConfiguration Config(params (string Name, string Script)[] functions) => SluiceConfiguration.Empty with
    {
        LambdaFunctions = functions.ToDictionary(
            f => f.Name,
            f => new LambdaFunction([Python, "-c", f.Script], null, null, new Dictionary<string, string>(), null)),
    };

    private static async Task<ReceivedMessage> ReceiveOneAsync(EngineHarness harness, string queue)
    {
        ReceivedMessage? received = null;
        await harness.Until(() =>
        {
            var messages = harness.Store.ReceiveMessagesAsync(queue, 1, TimeSpan.FromMinutes(5), harness.Time.GetUtcNow(), TestContext.Current.CancellationToken)
                .GetAwaiter().GetResult();
            received ??= messages.Count > 0 ? messages[0] : null;
            return received is not null;
        });
        await harness.Store.DeleteMessageAsync(queue, received!.ReceiptHandle, TestContext.Current.CancellationToken);
        return received;
    }
}
