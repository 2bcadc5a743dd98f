using System.CommandLine;
using System.Text.Json.Nodes;
using Sluice.Cli.Input;
using Sluice.Cli.Output;
using Sluice.Core;
using Sluice.Core.Export.StepFunctions;
using Sluice.Definitions.Json;
using Sluice.Definitions.Validation;

namespace Sluice.Cli.Commands;

/// <summary>
/// <c>sluice export stepfunctions DEFINITION|CONFIG_DIR [--env ENV] --compute sagemaker|batch -o DIR</c>: writes the
/// pipeline as an AWS Step Functions state machine, with a CloudFormation template and a README, into DIR. Exits with
/// 0, 1 (the definition is invalid or cannot be exported faithfully; each problem names its step and JSON path) or 2.
/// </summary>
internal static class ExportCommand
{
    public static Command Create(CliIo io)
    {
        var source = new Argument<string>("DEFINITION|CONFIG_DIR") { Description = "A pipeline definition JSON file ('-' reads standard input), or a configuration directory with --env." };
        var environment = ConfigInput.EnvironmentOption("With a configuration directory: the environment to build and export, e.g. prod.");
        var compute = new Option<string>("--compute")
        {
            Description = "Where job steps run: sagemaker (SageMaker .sync integrations) or batch (AWS Batch jobs).",
            DefaultValueFactory = _ => "sagemaker",
        };
        compute.AcceptOnlyFromAmong("sagemaker", "batch");
        var output = new Option<string>("--output", "-o") { Description = "The folder to write the export into (created when missing).", HelpName = "DIR", Required = true };
        var name = new Option<string?>("--name") { Description = "The state machine's name (default: the file name, or the configuration's pipeline name).", HelpName = "NAME" };
        var approximations = new Option<bool>("--allow-approximations")
        {
            Description = "Export features without an exact Step Functions equivalent approximately, listing each, instead of refusing.",
        };
        var stepFunctions = new Command("stepfunctions", "Export a pipeline as an AWS Step Functions state machine with a CloudFormation template.")
        {
            source, environment, compute, output, name, approximations,
        };
        stepFunctions.SetAction((parseResult, cancellationToken) => RunAsync(
            new Request(
                parseResult.GetValue(source)!,
                parseResult.GetValue(environment),
                parseResult.GetValue(compute) == "batch" ? ComputeTarget.Batch : ComputeTarget.SageMaker,
                parseResult.GetValue(output)!,
                parseResult.GetValue(name),
                parseResult.GetValue(approximations)),
            io,
            cancellationToken));
        return new Command("export", "Export a pipeline to another orchestrator.") { stepFunctions };
    }

    private static async Task<int> RunAsync(Request request, CliIo io, CancellationToken cancellationToken)
    {
        DefinitionInput? input;
        string? builtName = null;
        if (request.Source != "-" && Directory.Exists(request.Source))
        {
            if (request.Environment is not { } environment)
            {
                await io.Error.WriteLineAsync($"sluice: {request.Source} is a configuration directory; give the environment to export with --env ENV");
                return ExitCodes.Usage;
            }

            var built = await ConfigInput.BuildAsync(request.Source, environment, io);
            if (built is null)
            {
                return ExitCodes.Invalid;
            }

            input = DefinitionInput.FromText(request.Source, built.DefinitionJson);
            builtName = built.Pipeline.Name;
        }
        else
        {
            if (request.Environment is not null)
            {
                await io.Error.WriteLineAsync($"sluice: --env applies to a configuration directory; {request.Source} is not one");
                return ExitCodes.Usage;
            }

            (input, var readError) = await DefinitionInput.ReadAsync(request.Source, io, cancellationToken);
            if (input is null)
            {
                await io.Error.WriteLineAsync($"sluice: {readError}");
                return ExitCodes.Usage;
            }
        }

        var result = DefinitionValidator.Validate(input.Utf8);
        if (!result.IsValid)
        {
            var formatter = new DiagnosticFormatter(io);
            var locator = JsonLocator.For(input.Utf8, result.Errors.Select(d => d.Path));
            foreach (var diagnostic in result.Errors)
            {
                formatter.Write(input.Name, diagnostic, locator);
            }

            await io.Error.WriteLineAsync($"sluice: {input.Name}: invalid, nothing exported");
            return ExitCodes.Invalid;
        }

        var options = new StepFunctionsExportOptions
        {
            PipelineName = request.Name ?? builtName ?? RunCommand.NameFromFile(input.Name),
            Compute = request.Compute,
            AllowApproximations = request.AllowApproximations,
        };
        StepFunctionsExport export;
        try
        {
            export = StepFunctionsExporter.Export(result.Definition!, options);
        }
        catch (StepFunctionsExportException e)
        {
            foreach (var problem in e.Problems)
            {
                await io.Error.WriteLineAsync($"{input.Name}: error: {problem}");
            }

            await io.Error.WriteLineAsync($"sluice: {input.Name}: cannot be exported faithfully ({e.Problems.Count} problem{(e.Problems.Count == 1 ? string.Empty : "s")}), nothing exported");
            return ExitCodes.Invalid;
        }

        try
        {
            await WriteAsync(request.Output, export, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await io.Error.WriteLineAsync($"sluice: {request.Output}: cannot be written: {e.Message}");
            return ExitCodes.Usage;
        }

        foreach (var approximation in export.Approximations)
        {
            await io.Error.WriteLineAsync($"{input.Name}: approximation: {approximation}");
        }

        foreach (var note in export.Notes)
        {
            await io.Error.WriteLineAsync($"{input.Name}: note: {note}");
        }

        var states = export.StateMachine["States"]!.AsObject().Count;
        await io.Out.WriteLineAsync(
            $"sluice: exported '{options.PipelineName}' to {request.Output}: {states} top-level states, {export.JobDefinitions.Count} Batch job definitions, {export.Approximations.Count} approximations");
        return ExitCodes.Success;
    }

    private static async Task WriteAsync(string folder, StepFunctionsExport export, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "statemachine.asl.json"), Json(export.StateMachine), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "template.json"), Json(export.Template), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "input.json"), Json(export.SampleInput), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "README.md"), export.Readme, cancellationToken);
        if (export.JobDefinitions.Count > 0)
        {
            var jobs = Directory.CreateDirectory(Path.Combine(folder, "job-definitions")).FullName;
            foreach (var job in export.JobDefinitions)
            {
                var body = (JsonObject)job.Definition.DeepClone();
                body.Insert(0, "JobDefinitionName", job.Name);
                await File.WriteAllTextAsync(Path.Combine(jobs, job.Name + ".json"), Json(body), cancellationToken);
            }

            await File.WriteAllTextAsync(Path.Combine(folder, "bootstrap.py"), StepFunctionsExporter.BatchBootstrap, cancellationToken);
        }
    }

    private static string Json(JsonNode node) => StepFunctionsExporter.ToJson(node);

    private sealed record Request(string Source, string? Environment, ComputeTarget Compute, string Output, string? Name, bool AllowApproximations);
}
