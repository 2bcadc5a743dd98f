using System.Net;
using System.Text.Json.Nodes;
using Sluice.Client.SageMaker.Executions;
using Sluice.Server.Tests.Support;
using static Sluice.Server.Tests.Support.TestPipelines;

namespace Sluice.Server.Tests.Console;

/// <summary>The console's JSON API and streams, against a real server on 127.0.0.1.</summary>
public sealed class ConsoleApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetRoot_OpenServer_ServesThePageWithAStrictContentSecurityPolicy()
    {
        await using var server = await ServerHarness.StartAsync();
        using var http = new HttpClient { BaseAddress = server.Address };

        using var browser = new HttpRequestMessage(HttpMethod.Get, "/");
        browser.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
        using var page = await http.SendAsync(browser, Ct);
        using var console = await http.GetAsync("/console", Ct);
        using var script = await http.GetAsync("/console/app.js", Ct);
        using var missing = await http.GetAsync("/console/nothing.js", Ct);

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        console.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync(Ct)).ShouldContain("<script type=\"module\" src=\"/console/app.js\">");
        page.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("script-src 'self'");
        page.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
        script.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetRoot_NotABrowser_IsS3ListBuckets()
    {
        await using var server = await ServerHarness.StartAsync();
        using var http = new HttpClient { BaseAddress = server.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
        request.Headers.Accept.ParseAdd("text/html");

        using var answer = await http.SendAsync(request, Ct);

        (await answer.Content.ReadAsStringAsync(Ct)).ShouldNotContain("<script");
        answer.Content.Headers.ContentType?.MediaType.ShouldNotBe("text/html");
    }

    [Fact]
    public async Task Start_FromTheConsole_RunsAndStreamsStepChangesUntilTheEnd()
    {
        await using var server = await ServerHarness.StartAsync();
        var sm = server.SageMaker();
        await CreateAsync(sm, "flow", CallbackThenCondition);
        using var console = new ConsoleClient(server.Address);
        await console.SessionAsync();

        var (status, started) = await console.PostAsync("console/api/start", new JsonObject { ["pipeline"] = "flow", ["parameters"] = new JsonObject { ["Threshold"] = "3" } });
        status.ShouldBe(HttpStatusCode.OK, started?.ToJsonString());
        var arn = started!["arn"]!.GetValue<string>();
        var events = await console.EventsAsync(
            "console/api/events?execution=" + Uri.EscapeDataString(arn),
            e => e.Event == "execution" && e.Data["status"]!.GetValue<string>() == "Succeeded",
            async () =>
            {
                var token = await CallbackTokenAsync(sm, arn);
                var (answered, _) = await console.PostAsync("console/api/callback", new JsonObject { ["token"] = token, ["outcome"] = "success", ["outputs"] = new JsonObject { ["score"] = "7" } });
                answered.ShouldBe(HttpStatusCode.OK);
            });

        events[0].Event.ShouldBe("snapshot");
        events[0].Data["execution"]!["arn"]!.GetValue<string>().ShouldBe(arn);
        events.ShouldContain(e => e.Event == "step" && e.Data["name"]!.GetValue<string>() == "Check" && e.Data["status"]!.GetValue<string>() == "Succeeded");
        var (_, snapshot) = await console.GetAsync("console/api/execution?arn=" + Uri.EscapeDataString(arn));
        snapshot!["execution"]!["parameters"]![0]!["value"]!.GetValue<string>().ShouldBe("3");
    }

    [Fact]
    public async Task StopAndRetry_FromTheConsole_GoThroughTheEngine()
    {
        await using var server = await ServerHarness.StartAsync();
        var sm = server.SageMaker();
        await CreateAsync(sm, "flow", CallbackThenCondition);
        using var console = new ConsoleClient(server.Address);
        await console.SessionAsync();
        var (_, started) = await console.PostAsync("console/api/start", new JsonObject { ["pipeline"] = "flow" });
        var arn = started!["arn"]!.GetValue<string>();
        var token = await CallbackTokenAsync(sm, arn);

        var (stopped, stopping) = await console.PostAsync("console/api/stop", new JsonObject { ["arn"] = arn });
        var (failed, _) = await console.PostAsync("console/api/callback", new JsonObject { ["token"] = token, ["outcome"] = "failure", ["reason"] = "stopped" });
        await WaitAsync(sm, arn);
        var (again, _) = await console.PostAsync("console/api/stop", new JsonObject { ["arn"] = arn });
        var (retried, retrying) = await console.PostAsync("console/api/retry", new JsonObject { ["arn"] = arn });

        stopped.ShouldBe(HttpStatusCode.OK);
        stopping!["status"]!.GetValue<string>().ShouldBe("Stopping");
        failed.ShouldBe(HttpStatusCode.OK);
        again.ShouldBe(HttpStatusCode.Conflict);
        retried.ShouldBe(HttpStatusCode.OK);
        retrying!["status"]!.GetValue<string>().ShouldBe("Executing");
    }

    [Fact]
    public async Task Start_Selective_RunsTheChosenStepsReusingTheRest()
    {
        await using var server = await ServerHarness.StartAsync();
        var sm = server.SageMaker();
        await CreateAsync(sm, "flow", CallbackThenCondition);
        using var console = new ConsoleClient(server.Address);
        await console.SessionAsync();
        var (_, first) = await console.PostAsync("console/api/start", new JsonObject { ["pipeline"] = "flow" });
        var source = first!["arn"]!.GetValue<string>();
        await sm.SendPipelineExecutionStepSuccessAsync(new() { CallbackToken = await CallbackTokenAsync(sm, source), OutputParameters = [new("score", "9")] }, Ct);
        await WaitAsync(sm, source);

        var (status, again) = await console.PostAsync("console/api/start", new JsonObject
        {
            ["pipeline"] = "flow",
            ["selective"] = new JsonObject { ["source"] = source, ["steps"] = new JsonArray("Check") },
        });
        var (bad, badBody) = await console.PostAsync("console/api/start", new JsonObject { ["pipeline"] = "flow", ["selective"] = new JsonObject { ["source"] = source, ["steps"] = new JsonArray() } });

        status.ShouldBe(HttpStatusCode.OK, again?.ToJsonString());
        again!["selective"].ShouldNotBeNull();
        (await WaitAsync(sm, again["arn"]!.GetValue<string>())).PipelineExecutionStatus.ShouldBe(PipelineExecutionStatus.Succeeded);
        bad.ShouldBe(HttpStatusCode.BadRequest);
        badBody!["message"]!.GetValue<string>().ShouldContain("'selective.steps'");
    }

    [Fact]
    public async Task Post_WithoutTheToken_OrFromAnotherSite_IsRefused()
    {
        await using var server = await ServerHarness.StartAsync();
        await CreateAsync(server.SageMaker(), "flow", Instant);
        using var console = new ConsoleClient(server.Address);
        await console.SessionAsync();
        var body = new JsonObject { ["pipeline"] = "flow" };

        var (noToken, noTokenBody) = await console.PostAsync("console/api/start", body, csrf: false);
        var (otherSite, _) = await console.PostAsync("console/api/start", body, origin: "http://evil.example");
        var (wrongToken, _) = await WithToken(console, "0123", () => console.PostAsync("console/api/start", body));
        var executions = await server.SageMaker().ListPipelineExecutionsAsync(new ListPipelineExecutionsRequest { PipelineName = "flow" }, Ct);

        noToken.ShouldBe(HttpStatusCode.Forbidden);
        noTokenBody!["message"]!.GetValue<string>().ShouldContain("X-Sluice-Csrf");
        otherSite.ShouldBe(HttpStatusCode.Forbidden);
        wrongToken.ShouldBe(HttpStatusCode.Forbidden);
        executions.PipelineExecutionSummaries.ShouldBeEmpty();
    }

    [Fact]
    public async Task Console_OpenServerAddressedByAnotherName_IsRefused()
    {
        await using var server = await ServerHarness.StartAsync();
        using var http = new HttpClient { BaseAddress = server.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, "console/api/pipelines");
        request.Headers.Host = "rebound.example";

        using var response = await http.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Login_WithCredentialsConfigured_GivesAStrictHttpOnlyCookie()
    {
        await using var server = await ServerHarness.StartAsync(credentials: new Dictionary<string, string> { ["AKIDTEST"] = "test-secret" });
        using var console = new ConsoleClient(server.Address);

        var session = await console.SessionAsync();
        var (before, _) = await console.GetAsync("console/api/pipelines");
        var (wrong, _) = await console.PostAsync("console/api/login", new JsonObject { ["accessKeyId"] = "AKIDTEST", ["secret"] = "nope" });
        using var login = new HttpRequestMessage(HttpMethod.Post, "console/api/login")
        {
            Content = new StringContent("""{"accessKeyId": "AKIDTEST", "secret": "test-secret"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        using var right = await console.Http.SendAsync(login, Ct);
        var cookie = right.Headers.GetValues("Set-Cookie").Single();
        await console.SessionAsync();
        var (after, _) = await console.GetAsync("console/api/pipelines");

        session["loginRequired"]!.GetValue<bool>().ShouldBeTrue();
        before.ShouldBe(HttpStatusCode.Unauthorized);
        wrong.ShouldBe(HttpStatusCode.Unauthorized);
        right.StatusCode.ShouldBe(HttpStatusCode.OK);
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=strict", Case.Insensitive);
        after.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Login_ConsoleToken_SignsInAndSignOutEndsTheSession()
    {
        await using var server = await ServerHarness.StartAsync(consoleToken: "console-token-0123456789");
        using var console = new ConsoleClient(server.Address);

        var (wrong, _) = await console.PostAsync("console/api/login", new JsonObject { ["token"] = "console-token-0123456789x" });
        var (crossSite, _) = await console.PostAsync("console/api/login", new JsonObject { ["token"] = "console-token-0123456789" }, origin: "http://evil.example");
        var (right, _) = await console.PostAsync("console/api/login", new JsonObject { ["token"] = "console-token-0123456789" });
        await console.SessionAsync();
        var (signedIn, _) = await console.GetAsync("console/api/pipelines");
        var (signedOut, _) = await console.PostAsync("console/api/logout", new JsonObject());
        var (after, _) = await console.GetAsync("console/api/pipelines");

        wrong.ShouldBe(HttpStatusCode.Unauthorized);
        crossSite.ShouldBe(HttpStatusCode.Forbidden);
        right.ShouldBe(HttpStatusCode.OK);
        signedIn.ShouldBe(HttpStatusCode.OK);
        signedOut.ShouldBe(HttpStatusCode.OK);
        after.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Log_StepRunning_StreamsWhatIsWrittenThenEnds()
    {
        await using var server = await ServerHarness.StartAsync();
        var sm = server.SageMaker();
        await CreateAsync(sm, "flow", CallbackThenCondition);
        using var console = new ConsoleClient(server.Address);
        await console.SessionAsync();
        var (_, started) = await console.PostAsync("console/api/start", new JsonObject { ["pipeline"] = "flow" });
        var arn = started!["arn"]!.GetValue<string>();
        var token = await CallbackTokenAsync(sm, arn);
        var log = Path.Combine(server.Directory, "logs", arn.Split('/')[^1], "Approve.log");
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        await File.WriteAllTextAsync(log, "first <b>line</b>\n", Ct);

        var events = await console.EventsAsync(
            $"console/api/log?execution={Uri.EscapeDataString(arn)}&step=Approve",
            e => e.Event == "end",
            async () =>
            {
                await File.AppendAllTextAsync(log, "second line\n", Ct);
                await Task.Delay(600, Ct);
                await sm.SendPipelineExecutionStepSuccessAsync(new() { CallbackToken = token, OutputParameters = [new("score", "9")] }, Ct);
            });

        string.Concat(events.Where(e => e.Event == "log").Select(e => e.Data.GetValue<string>())).ShouldBe("first <b>line</b>\nsecond line\n");
        events[^1].Event.ShouldBe("end");
    }

    [Theory]
    [InlineData("../../../etc/passwd")]
    [InlineData("Approve/../../x")]
    [InlineData("NoSuchStep")]
    public async Task Log_HostileStepName_IsNotFoundAndReadsNothing(string step)
    {
        await using var server = await ServerHarness.StartAsync();
        var sm = server.SageMaker();
        await CreateAsync(sm, "flow", CallbackThenCondition);
        using var console = new ConsoleClient(server.Address);
        await console.SessionAsync();
        var (_, started) = await console.PostAsync("console/api/start", new JsonObject { ["pipeline"] = "flow" });
        var arn = started!["arn"]!.GetValue<string>();

        var (status, body) = await console.GetAsync($"console/api/log?execution={Uri.EscapeDataString(arn)}&step={Uri.EscapeDataString(step)}");

        status.ShouldBe(HttpStatusCode.NotFound);
        body!["message"]!.GetValue<string>().ShouldContain("has no log");
    }

    [Fact]
    public async Task Start_BadParameters_AnswersWhatIsWrongWithoutAStackTrace()
    {
        await using var server = await ServerHarness.StartAsync();
        await CreateAsync(server.SageMaker(), "flow", CallbackThenCondition);
        using var console = new ConsoleClient(server.Address);
        await console.SessionAsync();

        var (badType, badTypeBody) = await console.PostAsync("console/api/start", new JsonObject { ["pipeline"] = "flow", ["parameters"] = new JsonObject { ["Threshold"] = "many" } });
        var (badShape, badShapeBody) = await console.PostAsync("console/api/start", new JsonObject { ["pipeline"] = "flow", ["parameters"] = new JsonArray() });
        var (noPipeline, _) = await console.PostAsync("console/api/start", new JsonObject { ["pipeline"] = "nope" });

        badType.ShouldBe(HttpStatusCode.BadRequest);
        badTypeBody!["message"]!.GetValue<string>().ShouldContain("Threshold");
        badShape.ShouldBe(HttpStatusCode.BadRequest);
        badShapeBody!["message"]!.GetValue<string>().ShouldContain("'parameters'");
        noPipeline.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Dispose_WithAnOpenStream_StopsAtOnce()
    {
        var server = await ServerHarness.StartAsync();
        await CreateAsync(server.SageMaker(), "flow", CallbackThenCondition);
        using var console = new ConsoleClient(server.Address);
        await console.SessionAsync();
        var (_, started) = await console.PostAsync("console/api/start", new JsonObject { ["pipeline"] = "flow" });
        var opened = new TaskCompletionSource();
        var reading = Task.Run(async () =>
        {
            try
            {
                await console.EventsAsync("console/api/events?execution=" + Uri.EscapeDataString(started!["arn"]!.GetValue<string>()), _ => false, () => { opened.SetResult(); return Task.CompletedTask; });
            }
            catch (HttpRequestException)
            {
                // the server went away, as it should
            }
            catch (IOException)
            {
                // the same, seen while reading
            }
        }, Ct);
        await opened.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        var stopping = System.Diagnostics.Stopwatch.StartNew();
        await server.DisposeAsync();

        stopping.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10), "an open page must not hold the server up");
        await reading.WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    [Fact]
    public async Task Executions_AllOrOnePipeline_NewestFirstAndAnUnknownPipelineIsNotFound()
    {
        await using var server = await ServerHarness.StartAsync();
        var sm = server.SageMaker();
        await CreateAsync(sm, "one", Instant);
        await CreateAsync(sm, "two", Instant);
        var first = (await sm.StartPipelineExecutionAsync(new() { PipelineName = "one" }, Ct)).PipelineExecutionArn!;
        await WaitAsync(sm, first);
        var second = (await sm.StartPipelineExecutionAsync(new() { PipelineName = "two" }, Ct)).PipelineExecutionArn!;
        await WaitAsync(sm, second);
        using var console = new ConsoleClient(server.Address);
        await console.SessionAsync();

        var (_, all) = await console.GetAsync("console/api/executions");
        var (_, one) = await console.GetAsync("console/api/executions?pipeline=one");
        var (missing, problem) = await console.GetAsync("console/api/executions?pipeline=three");

        all!["executions"]!.AsArray().Select(e => e!["arn"]!.GetValue<string>()).ShouldBe([second, first]);
        all["count"]!.GetValue<int>().ShouldBe(2);
        one!["executions"]!.AsArray().Select(e => e!["arn"]!.GetValue<string>()).ShouldBe([first]);
        missing.ShouldBe(HttpStatusCode.NotFound);
        problem!["message"]!.GetValue<string>().ShouldContain("'three'");
    }

    [Fact]
    public async Task Graph_TenThousandSteps_LaidOutOnceInLayersWithoutOverlaps()
    {
        await using var server = await ServerHarness.StartAsync();
        await server.Engine.SavePipelineIfChangedAsync("big", LargePipelines.Grid(10_000, 20), Ct); // over the API's 1 MiB limit
        using var console = new ConsoleClient(server.Address);
        await console.SessionAsync();

        var first = System.Diagnostics.Stopwatch.StartNew();
        var (status, layout) = await console.GetAsync("console/api/graph?pipeline=big");
        first.Stop();
        var second = System.Diagnostics.Stopwatch.StartNew();
        await console.GetAsync("console/api/graph?pipeline=big");
        second.Stop();

        status.ShouldBe(HttpStatusCode.OK);
        var nodes = layout!["nodes"]!.AsArray();
        nodes.Count.ShouldBe(10_000);
        nodes.Select(n => (n!["x"]!.GetValue<int>(), n["y"]!.GetValue<int>())).Distinct().Count().ShouldBe(10_000);
        nodes.Select(n => n!["x"]!.GetValue<int>()).Distinct().Count().ShouldBe(20, "one column per layer");
        layout["edges"]!.AsArray().Count.ShouldBe(9_500);
        var clusters = layout["clusters"]!.AsArray();
        clusters.SelectMany(c => c!["members"]!.AsArray().Select(m => m!.GetValue<int>())).Order().ShouldBe(Enumerable.Range(0, 10_000), "every step in one cluster");
        clusters.Count.ShouldBe(100, "20 columns of 500 steps, each cut in 5");
        TestContext.Current.SendDiagnosticMessage($"10,000-step graph: first {first.ElapsedMilliseconds} ms (validation and layout), then {second.ElapsedMilliseconds} ms (cached)");
        second.Elapsed.ShouldBeLessThan(first.Elapsed);
    }

    private static async Task<T> WithToken<T>(ConsoleClient console, string token, Func<Task<T>> action)
    {
        var kept = console.Csrf;
        console.Csrf = token;
        try
        {
            return await action();
        }
        finally
        {
            console.Csrf = kept;
        }
    }
}
