using System.Diagnostics;
using System.Text.Json.Nodes;
using Sluice.Core.Export.StepFunctions;

namespace Sluice.Core.Tests.Export.StepFunctions;

/// <summary>
/// Runs exported state machines in moto's Step Functions interpreter (moto 5.2.1, in a python3 process, no network):
/// sfn_moto.py creates moto's fake Batch queue, job definitions, S3 objects, SQS queues and Lambda functions a scenario
/// names, starts the execution, answers callbacks, and reports the status, the Fail error and cause, and the states
/// entered in order. Every scenario of a test class goes to one process, since importing moto takes seconds.
/// </summary>
internal static class MotoStepFunctions
{
    /// <summary>A scenario for the harness: the machine and what the fake AWS holds when it starts.</summary>
    public static JsonObject Scenario(StepFunctionsExport export, JsonObject? input = null)
    {
        var jobs = new JsonArray();
        foreach (var job in export.JobDefinitions)
        {
            jobs.Add((JsonNode)new JsonObject { ["name"] = job.Name, ["definition"] = job.Definition.DeepClone() });
        }

        return new JsonObject
        {
            ["definition"] = StepFunctionsExporter.ToJson(export.StateMachine),
            ["jobDefinitions"] = jobs,
            ["input"] = input ?? new JsonObject { ["Parameters"] = new JsonObject() },
            ["executionName"] = "run-1",
        };
    }

    /// <summary>Runs the scenarios and returns one result per scenario, in order.</summary>
    public static JsonArray Run(IEnumerable<JsonObject> scenarios)
    {
        var folder = Directory.CreateTempSubdirectory("sluice-sfn-");
        try
        {
            var file = Path.Combine(folder.FullName, "scenarios.json");
            File.WriteAllText(file, new JsonArray([.. scenarios]).ToJsonString());
            var start = new ProcessStartInfo("python3")
            {
                ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Export", "StepFunctions", "sfn_moto.py"), file },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = folder.FullName,
            };
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("sfn_moto.py did not finish in 5 minutes");
            }

            process.ExitCode.ShouldBe(0, stderr.Result);
            return JsonNode.Parse(stdout.Trim().Split('\n')[^1])!.AsArray();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The states an execution entered.</summary>
    public static List<string> Entered(JsonNode result) =>
        result["entered"]?.AsArray().Select(n => n!.GetValue<string>()).ToList() ?? [];
}
