using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Sluice.Cli.Tests.Server;

/// <summary>
/// Three real servers running a mixed pipeline (jobs, a Callback, a Condition) with one killed mid-run, and job slots
/// counted over every server. Runs jobs: needs bwrap.
/// </summary>
public sealed partial class ServeFailoverTests
{
    private const string Mixed = """
        {"Version": "2020-12-01", "Metadata": {}, "Parameters": [], "PipelineExperimentConfig": null,
         "Steps": [
           {"Name": "Prep", "Type": "Processing",
            "RetryPolicies": [{"ExceptionType": ["Step.SERVICE_FAULT"], "IntervalSeconds": 1, "BackoffRate": 1.0, "MaxAttempts": 3}],
            "Arguments": {
              "ProcessingResources": {"ClusterConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30}},
              "AppSpecification": {"ImageUri": "python:3", "ContainerEntrypoint": ["python3", "-c", "import time; time.sleep(3)"]},
              "RoleArn": "arn:aws:iam::111122223333:role/R"}},
           {"Name": "Approve", "Type": "Callback", "DependsOn": ["Prep"], "Arguments": {},
            "SqsQueueUrl": "https://sqs.us-east-1.amazonaws.com/111122223333/approvals",
            "OutputParameters": [{"OutputName": "ok", "OutputType": "String"}]},
           {"Name": "Check", "Type": "Condition", "Arguments": {
              "Conditions": [{"Type": "Equals", "LeftValue": {"Get": "Steps.Approve.OutputParameters['ok']"}, "RightValue": "yes"}],
              "IfSteps": [{"Name": "Train", "Type": "Processing", "Arguments": {
                  "ProcessingResources": {"ClusterConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30}},
                  "AppSpecification": {"ImageUri": "python:3", "ContainerEntrypoint": ["python3", "-c", "print('trained')"]},
                  "RoleArn": "arn:aws:iam::111122223333:role/R"}}],
              "ElseSteps": [{"Name": "Refused", "Type": "Fail", "Arguments": {"ErrorMessage": "not approved"}}]}}]}
        """;

    private const string OneJob = """
        {"Version": "2020-12-01", "Metadata": {}, "Parameters": [], "PipelineExperimentConfig": null,
         "Steps": [{"Name": "Sleep", "Type": "Processing", "Arguments": {
              "ProcessingResources": {"ClusterConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30}},
              "AppSpecification": {"ImageUri": "python:3", "ContainerEntrypoint": ["python3", "-c", "import time; time.sleep(1)"]},
              "RoleArn": "arn:aws:iam::111122223333:role/R"}}]}
        """;

    [Fact]
    public async Task Serve_ThreeServersOneKilledMidRun_EveryExecutionEndsWithEveryStepSucceededOnce()
    {
        var servers = new[] { await StartAsync("a"), await StartAsync("b"), await StartAsync("c") };
        var urls = servers.Select(s => s.Url).ToArray();
        var survivors = urls[..2];
        await CallAsync(urls[0], "CreatePipeline", $$"""{"PipelineName": "mixed", "RoleArn": "arn:aws:iam::111122223333:role/R", "ClientRequestToken": "{{Guid.NewGuid()}}", "PipelineDefinition": {{JsonSerializer.Serialize(Mixed)}}}""");
        var arns = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            arns.Add(Field(await CallAsync(urls[i % 3], "StartPipelineExecution", $$"""{"PipelineName": "mixed", "ClientRequestToken": "{{Guid.NewGuid()}}"}"""), "PipelineExecutionArn"));
        }

        var victim = servers[2].Server;
        var victimsArns = arns.Where((_, i) => i % 3 == 2).ToList();
        var victims = string.Join("','", victimsArns);
        await UntilAsync(async () => (long)(await ScalarAsync(
            $"SELECT COUNT(*) FROM steps WHERE step_name = 'Prep' AND status = 'Executing' AND execution_arn IN ('{victims}')"))! == victimsArns.Count);
        await Task.Delay(500, Ct); // the victim's jobs are running

        // Every survivor answers throughout: a watcher calls each every 100 ms until the end and keeps any failure.
        using var done = new CancellationTokenSource();
        var failures = new ConcurrentQueue<string>();
        var calls = 0;
        var watcher = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                foreach (var url in survivors)
                {
                    var (status, text) = await SendAsync(url, "ListPipelineExecutions", """{"PipelineName": "mixed"}""");
                    Interlocked.Increment(ref calls);
                    if (status != HttpStatusCode.OK)
                    {
                        failures.Enqueue($"{url}: {status} {text}");
                    }
                }

                await Task.Delay(100, CancellationToken.None);
            }
        }, Ct);

        victim.Kill(); // SIGKILL mid-job: its two executions' Prep jobs are running
        await victim.WaitForExitAsync(Ct);
        var killed = Stopwatch.StartNew();
        var answered = new HashSet<string>(StringComparer.Ordinal);
        while (answered.Count < arns.Count && killed.Elapsed < TimeSpan.FromSeconds(40))
        {
            foreach (var arn in arns.Where(a => !answered.Contains(a)))
            {
                if (await TryTokenAsync(survivors[answered.Count % 2], arn) is { } token)
                {
                    await CallAsync(survivors[(answered.Count + 1) % 2], "SendPipelineExecutionStepSuccess", $$"""{"CallbackToken": "{{token}}", "ClientRequestToken": "{{Guid.NewGuid()}}", "OutputParameters": [{"Name": "ok", "Value": "yes"}]}""");
                    answered.Add(arn);
                }
            }

            await Task.Delay(100, Ct);
        }

        foreach (var arn in arns)
        {
            (await UntilEndedAsync(survivors[0], arn, TimeSpan.FromSeconds(30))).ShouldBe(
                "Succeeded",
                (string?)(await ScalarAsync($"SELECT string_agg(step_name || ' ' || status || ' ' || attempt_count || ' ' || coalesce(failure_reason, ''), '; ') FROM steps WHERE execution_arn = '{arn}'")));
        }

        await done.CancelAsync();
        await watcher;
        TestContext.Current.TestOutputHelper?.WriteLine($"kill -9 to all {arns.Count} executions Succeeded: {killed.Elapsed.TotalSeconds:F1} s; {calls} API calls to survivors");
        failures.ShouldBeEmpty();
        calls.ShouldBeGreaterThan(10);
        (await ScalarAsync("SELECT COUNT(*) FROM steps WHERE status <> 'Succeeded'")).ShouldBe(0L);
        (await ScalarAsync("SELECT COUNT(*) FROM steps")).ShouldBe(4L * arns.Count); // Prep, Approve, Check, Train
        (await ScalarAsync("SELECT COUNT(*) FROM callbacks")).ShouldBe((long)arns.Count); // each Callback ran once
        (await ScalarAsync("SELECT COUNT(*) FROM messages")).ShouldBe((long)arns.Count);
        (await ScalarAsync("SELECT COUNT(*) FROM steps WHERE step_name IN ('Approve', 'Check', 'Train') AND attempt_count <> 1")).ShouldBe(0L);
        var retried = (long)(await ScalarAsync(
            $"SELECT COUNT(*) FROM steps WHERE step_name = 'Prep' AND attempt_count > 1 AND execution_arn NOT IN ('{victims}')"))!;
        retried.ShouldBe(0L); // only the killed server's jobs may run again, as SageMaker retries a lost instance
        (await ScalarAsync($"SELECT COUNT(*) FROM execution_leases WHERE fence > 1 AND execution_arn IN ('{victims}')"))
            .ShouldBe((long)victimsArns.Count); // the killed server's executions were taken over
    }

    [Fact]
    public async Task Serve_GlobalJobSlotsOnTwoServers_NeverRunMoreJobsAtOnceThanTheLimit()
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(_connection);
        await File.WriteAllTextAsync(
            Path.Combine(_data, "sluice.yaml"),
            $"store:\n  postgres: postgres://postgres@127.0.0.1:{builder.Port}/{_database}\n  lease: 3\njobs:\n  slots: 3\n  global_slots: 2\n",
            Ct);
        var (_, urlA) = await StartAsync("a");
        var (_, urlB) = await StartAsync("b");
        await CallAsync(urlA, "CreatePipeline", $$"""{"PipelineName": "sleeps", "RoleArn": "arn:aws:iam::111122223333:role/R", "ClientRequestToken": "{{Guid.NewGuid()}}", "PipelineDefinition": {{JsonSerializer.Serialize(OneJob)}}}""");

        var arns = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
            Field(await CallAsync(i % 2 == 0 ? urlA : urlB, "StartPipelineExecution", $$"""{"PipelineName": "sleeps", "ClientRequestToken": "{{Guid.NewGuid()}}"}"""), "PipelineExecutionArn")));
        var most = 0L;
        var clock = Stopwatch.StartNew();
        while ((long)(await ScalarAsync("SELECT COUNT(*) FROM executions WHERE status = 'Executing'"))! > 0 && clock.Elapsed < TimeSpan.FromSeconds(40))
        {
            most = Math.Max(most, (long)(await ScalarAsync("SELECT COUNT(*) FROM job_slots"))!);
            most.ShouldBeLessThanOrEqualTo(2L);
            await Task.Delay(20, Ct);
        }

        foreach (var arn in arns)
        {
            (await UntilEndedAsync(urlB, arn, TimeSpan.FromSeconds(5))).ShouldBe("Succeeded");
        }

        most.ShouldBe(2L); // the limit was reached, and held
        clock.Elapsed.ShouldBeGreaterThan(TimeSpan.FromSeconds(2.5)); // six 1 s jobs two at a time
        (await ScalarAsync("SELECT COUNT(*) FROM job_slots")).ShouldBe(0L); // every slot freed at its job's end
    }

    private async Task UntilAsync(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            clock.Elapsed.ShouldBeLessThan(
                TimeSpan.FromSeconds(30),
                (string?)(await ScalarAsync("SELECT string_agg(execution_arn || ' ' || step_name || ' ' || status, '; ') FROM steps")) ?? "no steps");
            await Task.Delay(50, Ct);
        }
    }

    private async Task<string?> TryTokenAsync(string url, string arn)
    {
        using var document = JsonDocument.Parse(await CallAsync(url, "ListPipelineExecutionSteps", $$"""{"PipelineExecutionArn": "{{arn}}"}"""));
        foreach (var step in document.RootElement.GetProperty("PipelineExecutionSteps").EnumerateArray())
        {
            if (step.TryGetProperty("Metadata", out var metadata) && metadata.TryGetProperty("Callback", out var callback))
            {
                return callback.GetProperty("CallbackToken").GetString();
            }
        }

        return null;
    }
}
