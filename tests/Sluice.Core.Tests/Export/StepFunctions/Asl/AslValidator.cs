using System.Diagnostics;
using System.Text.Json.Nodes;
using Sluice.Core.Tests.Export.StepFunctions.SideBySide;

namespace Sluice.Core.Tests.Export.StepFunctions.Asl;

/// <summary>
/// Runs the pinned asl-validator (npm, tools/asl-validator, installed by scripts/test with <c>npm ci</c>) over a batch
/// of machines in one node process (<c>validate.js --json --stdin</c>), since each node start-up costs about a second.
/// </summary>
internal static class AslValidator
{
    /// <summary>The tool folder: package.json, package-lock.json, validate.js and (once installed) node_modules.</summary>
    public static string ToolFolder { get; } = Path.Combine(SideBySideCases.RepositoryRoot, "tools", "asl-validator");

    /// <summary>Why the validator cannot run here (node or the installed package missing), or <see langword="null"/>.</summary>
    public static string? Unavailable()
    {
        if (FindNode() is null)
        {
            return "asl-validator checks skipped: node is not installed (scripts/test installs the Debian packages nodejs and npm)";
        }

        if (!File.Exists(Path.Combine(ToolFolder, "node_modules", "asl-validator", "package.json")))
        {
            return "asl-validator checks skipped: tools/asl-validator/node_modules is missing; install it with " +
                "'npm ci --prefix tools/asl-validator --no-audit --no-fund' (scripts/test does when the npm registry is reachable)";
        }

        return null;
    }

    /// <summary>Runs node on validate.js with the given arguments and stdin; returns the exit code and outputs.</summary>
    public static (int ExitCode, string Stdout, string Stderr) RunScript(IEnumerable<string> arguments, string? stdin = null)
    {
        var start = new ProcessStartInfo(FindNode()!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = ToolFolder,
        };
        start.ArgumentList.Add(Path.Combine(ToolFolder, "validate.js"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(stdin ?? string.Empty);
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("validate.js did not finish in 5 minutes");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Validates every machine (name, ASL document) in one node process; one result per machine, by name.</summary>
    public static Dictionary<string, AslResult> Validate(IReadOnlyList<(string Name, JsonNode Machine)> machines)
    {
        var batch = new JsonArray([.. machines.Select(m => (JsonNode)new JsonObject { ["name"] = m.Name, ["definition"] = m.Machine.DeepClone() })]);
        var (exitCode, stdout, stderr) = RunScript(["--json", "--stdin"], batch.ToJsonString());
        (exitCode is 0 or 1).ShouldBeTrue($"validate.js exited with {exitCode}: {stderr}");
        var results = JsonNode.Parse(stdout.Trim().Split('\n')[^1])!.AsArray();
        results.Count.ShouldBe(machines.Count, stderr);
        return results.Select(r => new AslResult(
                r!["name"]!.GetValue<string>(),
                r["valid"]!.GetValue<bool>(),
                [.. r["errors"]!.AsArray().Select(e => e!["code"]!.GetValue<string>() + ": " + e["message"]!.GetValue<string>())]))
            .ToDictionary(r => r.Name, StringComparer.Ordinal);
    }

    private static string? FindNode() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "node"))
            .FirstOrDefault(File.Exists);
}
