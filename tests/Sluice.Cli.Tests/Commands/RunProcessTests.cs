using System.Diagnostics;
using System.Text.Json.Nodes;
using Sluice.Cli.Tests.Support;
using Sluice.Core.Storage;
using Sluice.Core.Storage.Sqlite;

namespace Sluice.Cli.Tests.Commands;

/// <summary>`sluice run` as a real process: killed with SIGKILL mid-execution and resumed, and stopped with Ctrl-C (SIGINT).</summary>
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
        File.WriteAllText(Path.Combine(_work, "sluice.yaml"), """
            lambda:
              functions:
                count:
                  command: [python3, count.py]
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
        resumed.Out.ShouldContain("Succeeded: arn:aws:sagemaker:us-east-1:000000000000:pipeline/pipeline/execution/");
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

    private Process Start(params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "sluice"), args)
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
