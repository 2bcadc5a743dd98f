using System.Text.RegularExpressions;
using Sluice.Cli.Tests.Support;

namespace Sluice.Cli.Tests.Output;

/// <summary>What `sluice run` and `sluice retry` show while an execution runs: the live table and the progress lines.</summary>
public sealed partial class RunViewTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("sluice-view-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private string Data => Path.Combine(_work, "data");

    [Fact]
    public async Task Run_LiveTableOnAnEightyColumnTerminal_KeepsEveryStepOnOneRow()
    {
        var file = Path.Combine(_work, "pipeline.json");
        File.WriteAllText(file, """
            {"Version": "2020-12-01", "Steps": [{"Name": "CheckTheMeanSquaredError", "Type": "Condition", "Arguments": {
              "Conditions": [{"Type": "Equals", "LeftValue": 1, "RightValue": 1}],
              "IfSteps": [{"Name": "MseTooHighForTheThresholdGivenByTheUser", "Type": "Fail", "Arguments": {"ErrorMessage":
                "The mean squared error of the model is higher than the threshold that was given as a parameter"}}],
              "ElseSteps": [{"Name": "RegisterTheModelInTheRegistry", "Type": "Fail", "Arguments": {"ErrorMessage": "x"}}]}}]}
            """);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var io = new CliIo(new StringReader(string.Empty), output, error, ErrorIsTerminal: false, OutIsTerminal: true);

        var exit = await SluiceCommand.RunAsync(["run", file, "--data", Data], io, TestContext.Current.CancellationToken);

        exit.ShouldBe(1);
        // Colours go; the cursor moves of each redraw become line breaks, so each frame's rows are lines.
        var lines = CursorControl().Replace(Colour().Replace(output.ToString(), string.Empty), "\n").Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var table = lines.Where(l => l.Length > 0 && "╭│├╰".Contains(l[0], StringComparison.Ordinal)).ToList();
        table.ShouldNotBeEmpty();
        table.ShouldAllBe(l => l.Length <= 80);
        table = table[table.FindLastIndex(l => l.StartsWith('╭'))..]; // the last frame
        table.Count.ShouldBe(7); // the border, the header, its rule, three steps and the border: no step wraps
        table.Where(l => l.Contains("MseTooHigh", StringComparison.Ordinal)).ShouldAllBe(l => l.Contains("Failed", StringComparison.Ordinal) && l.Contains("The mean sq", StringComparison.Ordinal));
        table.Where(l => l.Contains("RegisterThe", StringComparison.Ordinal)).ShouldAllBe(l => l.Contains("not run", StringComparison.Ordinal));
        table.ShouldContain(l => l.StartsWith("│   MseTooHigh", StringComparison.Ordinal) && l.Contains("… │", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Retry_ProgressLines_ShowTheStepsInTheOrderTheyEnded()
    {
        var config = Path.Combine(_work, "sluice.yaml");
        File.WriteAllText(Path.Combine(_work, "step.py"), $$"""
            import json, os, sys, time
            event = json.load(sys.stdin)
            time.sleep(event["sleep"])
            if event["name"] == "Last" and os.path.exists({{Python(Path.Combine(_work, "fail"))}}):
                sys.exit("failing as asked")
            print("{}")
            """);
        File.WriteAllText(config, $"lambda:\n  functions:\n    step:\n      command: [python3, {Path.Combine(_work, "step.py")}]\n");
        File.WriteAllText(Path.Combine(_work, "fail"), string.Empty);
        var file = Path.Combine(_work, "pipeline.json");

        // Long starts first and ends last; Short starts after Quick ends, and ends long before Long does.
        File.WriteAllText(file, """
            {"Version": "2020-12-01", "Steps": [
              {"Name": "Long", "Type": "Lambda", "FunctionArn": "step", "OutputParameters": [], "Arguments": {"name": "Long", "sleep": 1.5}},
              {"Name": "Quick", "Type": "Lambda", "FunctionArn": "step", "OutputParameters": [], "Arguments": {"name": "Quick", "sleep": 0}},
              {"Name": "Short", "Type": "Lambda", "FunctionArn": "step", "OutputParameters": [], "Arguments": {"name": "Short", "sleep": 0}, "DependsOn": ["Quick"]},
              {"Name": "Last", "Type": "Lambda", "FunctionArn": "step", "OutputParameters": [], "Arguments": {"name": "Last", "sleep": 0}, "DependsOn": ["Long", "Short"]}]}
            """);
        var run = await CliRunner.RunAsync(["run", file, "--data", Data, "--config", config]);
        run.ExitCode.ShouldBe(1, run.Error);
        File.Delete(Path.Combine(_work, "fail"));
        var arn = run.Out.Split('\n').Single(l => l.StartsWith("Execution: ", StringComparison.Ordinal))["Execution: ".Length..];

        var retried = await CliRunner.RunAsync(["retry", arn, "--data", Data, "--config", config]);

        retried.ExitCode.ShouldBe(0, retried.Error);
        retried.Out.ShouldStartWith($"Started {arn}\n");
        retried.Out.ShouldContain("Succeeded in");
        var stamps = retried.Out.Split('\n').Where(l => l.StartsWith('[')).Select(l => TimeSpan.FromSeconds(double.Parse(l[1..l.IndexOf('s', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture))).ToList();
        stamps.Count.ShouldBeGreaterThanOrEqualTo(5);
        stamps.ShouldBe(stamps.Order().ToList());
        var order = retried.Out.Split('\n').Where(l => l.StartsWith('[') && l.Contains("Succeeded", StringComparison.Ordinal)).Select(l => l[11..].Split(' ')[0]).ToList();
        order.IndexOf("Short").ShouldBeLessThan(order.IndexOf("Long"));
    }

    private static string Python(string path) => "'" + path.Replace("'", "\\'", StringComparison.Ordinal) + "'";

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex Colour();

    [GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]")]
    private static partial Regex CursorControl();
}
