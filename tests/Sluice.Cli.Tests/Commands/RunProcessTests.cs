using System.Diagnostics;
using System.Text.Json.Nodes;
using Sluice.Cli.Tests.Support;
using Sluice.Core.Execution;
using Sluice.Core.Storage;
using Sluice.Core.Storage.Sqlite;

namespace Sluice.Cli.Tests.Commands;

/// <summary>
/// `sluice run` as a real process: killed with SIGKILL mid-execution and resumed, stopped with Ctrl-C (SIGINT) or
/// SIGTERM, and left with a second Ctrl-C, then resumed and retried.
/// </summary>
public sealed class RunProcessTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly string _work = Directory.CreateTempSubdirectory("sluice-run-process-").FullName;

    public RunProcessTests()
    {
        File.WriteAllText(Path.Combine(_work, "count.py"), """
            import json, sys
            event = json.load(sys.stdin)
            with open("ran", "a") as log:
                log.write(event["step"] + "\n")
            print("{}")
            """);
        File.WriteAllText(Path.Combine(_work, "slow.py"), """
            import os, sys, time
            sys.stdin.read()
            open("started", "a").write("x\n")
            while os.path.exists("hold"):
                time.sleep(0.05)
            print("{}")
            """);
        File.WriteAllText(Path.Combine(_work, "slow.json"), """
            {"Version": "2020-12-01", "Steps": [
              {"Name": "Slow", "Type": "Lambda", "Arguments": {}, "FunctionArn": "slow", "OutputParameters": []}]}
            """);
        File.WriteAllText(Path.Combine(_work, "sluice.yaml"), """
            lambda:
              functions:
                count:
                  command: [python3, count.py]
                slow:
                  command: [python3, slow.py]
            """);
        File.WriteAllText(Path.Combine(_work, "pipeline.json"), """
            {"Version": "2020-12-01", "Metadata": {}, "Parameters": [], "PipelineExperimentConfig": null, "Steps": [
              {"Name": "A", "Type": "Lambda", "Arguments": {"step": "A"}, "FunctionArn": "count", "OutputParameters": []},
              {"Name": "Wait", "Type": "Callback", "Arguments": {"after": "A"}, "DependsOn": ["A"],
               "SqsQueueUrl": "https://sqs.us-east-1.amazonaws.com/111122223333/approvals", "OutputParameters": []},
              {"Name": "B", "Type": "Lambda", "Arguments": {"step": "B"}, "FunctionArn": "count", "OutputParameters": [], "DependsOn": ["Wait"]}
            ]}
            """);
    }

    private string Data => Path.Combine(_work, "data");

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task Run_KilledMidExecution_ResumesAndNoSucceededStepRunsTwice()
    {
        using var run = Start("run", "pipeline.json", "--data", Data);
        var token = await WaitForCallbackTokenAsync();

        run.Kill(); // SIGKILL: no chance to clean up
        await run.WaitForExitAsync(TestContext.Current.CancellationToken);
        (await Sluice("callback", "succeed", token, "--data", Data)).ExitCode.ShouldBe(0);
        var resumed = await Sluice("resume", "--data", Data);

        resumed.ExitCode.ShouldBe(0, resumed.Error);
        resumed.Out.ShouldContain("Succeeded in");
        resumed.Out.ShouldContain("Execution: arn:aws:sagemaker:us-east-1:000000000000:pipeline/pipeline/execution/");
        (await File.ReadAllLinesAsync(Path.Combine(_work, "ran"), TestContext.Current.CancellationToken)).ShouldBe(["A", "B"]);
    }

    [Fact]
    public async Task Run_CtrlC_StopsGracefullyAndExitsThree()
    {
        using var run = Start("run", "pipeline.json", "--data", Data);
        var token = await WaitForCallbackTokenAsync();

        using (var interrupt = Process.Start("kill", ["-INT", run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await interrupt.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        var stopping = await WaitForMessageAsync();
        JsonNode.Parse(stopping)!["status"]!.GetValue<string>().ShouldBe("Stopping");
        (await Sluice("callback", "succeed", token, "--data", Data)).ExitCode.ShouldBe(0);
        await run.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(Patience, TestContext.Current.CancellationToken);

        run.ExitCode.ShouldBe(3);
        (await run.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken)).ShouldContain("Stopped in");
    }

    [Fact]
    public async Task Run_Sigterm_StopsGracefullyExitsThreeAndSaysSo()
    {
        using var run = Start("run", "pipeline.json", "--data", Data);
        var token = await WaitForCallbackTokenAsync();

        await SignalAsync(run, "-TERM");
        var stopping = await WaitForMessageAsync();
        JsonNode.Parse(stopping)!["status"]!.GetValue<string>().ShouldBe("Stopping");
        (await Sluice("callback", "succeed", token, "--data", Data)).ExitCode.ShouldBe(0);
        await run.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(Patience, TestContext.Current.CancellationToken);

        run.ExitCode.ShouldBe(3);
        (await run.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken)).ShouldContain("sluice: SIGTERM: stopping gracefully");
        (await run.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken)).ShouldContain("Stopped in");
    }

    [Fact]
    public async Task Retry_AfterCtrlCTwiceAndResume_RunsTheInterruptedStepAgain()
    {
        File.WriteAllText(Path.Combine(_work, "hold"), string.Empty);
        using var run = Start("run", "slow.json", "--data", Data);
        await WaitForFileAsync("started");

        await SignalAsync(run, "-INT");
        await WaitForExecutionStatusAsync(ExecutionStatus.Stopping);
        await SignalAsync(run, "-INT");
        await run.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(Patience, TestContext.Current.CancellationToken);
        File.Delete(Path.Combine(_work, "hold"));
        var resumed = await Sluice("resume", "--data", Data);
        var arn = (await WaitForExecutionStatusAsync(ExecutionStatus.Stopped)).Arn;
        var stepAfterResume = (await ListStepsAsync(arn)).Single();
        var retried = await Sluice("retry", arn, "--data", Data);

        run.ExitCode.ShouldBe(130);
        resumed.ExitCode.ShouldBe(3, resumed.Error);
        stepAfterResume.Status.ShouldBe(StepStatus.Stopped);
        retried.ExitCode.ShouldBe(0, retried.Error);
        retried.Out.ShouldContain("Succeeded in");
        (await ListStepsAsync(arn)).Single().Status.ShouldBe(StepStatus.Succeeded);
        File.ReadAllLines(Path.Combine(_work, "started")).Length.ShouldBe(2);
    }

    [Fact]
    public async Task Run_JsonWithoutLambdaUrlOrTerminal_LoadsNeitherSpectreNorTheHttpStack()
    {
        // Start-up work a run does not need (docs/performance.md, "CLI start-up"): the live table's library and an
        // HTTP client, which only a Lambda step with a URL stand-in uses (building one loads its handler's TLS types
        // from System.Net.Security; System.Net.Http itself is mapped as soon as a type names HttpClient). Seen in the
        // process's mapped files while it waits at the Callback step (after a Lambda command step ran).
        using var run = Start("run", "pipeline.json", "--data", Data, "--json");
        await WaitForCallbackTokenAsync();

        var maps = await File.ReadAllTextAsync($"/proc/{run.Id}/maps", TestContext.Current.CancellationToken);
        run.Kill();
        await run.WaitForExitAsync(TestContext.Current.CancellationToken);

        maps.ShouldContain("Sluice.Core.dll");
        maps.ShouldNotContain("Spectre.Console.dll");
        maps.ShouldNotContain("System.Net.Security.dll");
    }

    private static async Task SignalAsync(Process target, string signal)
    {
        using var kill = Process.Start("kill", [signal, target.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
    }

    private async Task WaitForFileAsync(string name)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!File.Exists(Path.Combine(_work, name)))
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, $"{name} did not appear in time");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    private async Task<ExecutionRecord> WaitForExecutionStatusAsync(ExecutionStatus status)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            await using var store = new SqliteExecutionStore(Data);
            await store.InitializeAsync(TestContext.Current.CancellationToken);
            if ((await store.ListExecutionsAsync(null, TestContext.Current.CancellationToken)).SingleOrDefault() is { } execution && execution.Status == status)
            {
                return execution;
            }

            DateTime.UtcNow.ShouldBeLessThan(deadline, $"the execution did not become {status} in time");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    private async Task<IReadOnlyList<StepRecord>> ListStepsAsync(string arn)
    {
        await using var store = new SqliteExecutionStore(Data);
        await store.InitializeAsync(TestContext.Current.CancellationToken);
        return await store.ListStepsAsync(arn, TestContext.Current.CancellationToken);
    }

    private Process Start(params string[] args)
    {
        // Through env(1) with SIGINT's default action restored: a shell that starts the tests in the background (as
        // 'scripts/test &' does) makes its children ignore SIGINT, and an ignored signal stays ignored across exec.
        var start = new ProcessStartInfo("env", ["--default-signal=INT", Path.Combine(AppContext.BaseDirectory, "sluice"), .. args])
        {
            WorkingDirectory = _work,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        return Process.Start(start)!;
    }

    private async Task<CliResult> Sluice(params string[] args)
    {
        using var process = Start(args);
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(Patience, TestContext.Current.CancellationToken);
        return new CliResult(process.ExitCode, await output, await error);
    }

    private async Task<string> WaitForCallbackTokenAsync() =>
        JsonNode.Parse(await WaitForMessageAsync())!["token"]!.GetValue<string>();

    /// <summary>Waits (in real time, bounded) for the child process to post on the queue, and takes the message.</summary>
    private async Task<string> WaitForMessageAsync()
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (File.Exists(Path.Combine(Data, "sluice.db")))
            {
                await using var store = new SqliteExecutionStore(Data);
                await store.InitializeAsync(TestContext.Current.CancellationToken);
                var messages = await store.ReceiveMessagesAsync("approvals", 1, TimeSpan.FromMinutes(10), DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
                if (messages.Count == 1)
                {
                    await store.DeleteMessageAsync("approvals", messages[0].ReceiptHandle, TestContext.Current.CancellationToken);
                    return messages[0].Body;
                }
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException("the sluice process posted no message on the 'approvals' queue in time");
    }
}
