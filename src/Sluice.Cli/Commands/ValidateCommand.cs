using System.CommandLine;
using System.Text.Json;
using Sluice.Cli.Input;
using Sluice.Cli.Output;
using Sluice.Core;
using Sluice.Definitions.Validation;

namespace Sluice.Cli.Commands;

/// <summary><c>sluice validate FILE...</c>: checks definitions and reports every problem with its place.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliIo io)
    {
        var files = new Argument<string[]>("FILE")
        {
            Description = "Pipeline definition JSON files; '-' reads standard input.",
            Arity = ArgumentArity.OneOrMore,
        };
        var json = new Option<bool>("--json") { Description = "Print the problems as JSON on standard output." };
        var command = new Command(
            "validate",
            "Check pipeline definitions. Exit 0 when all are valid, 1 when any has errors, 2 when a file cannot be read.")
        {
            files,
            json,
        };
        command.SetAction((parseResult, cancellationToken) =>
            RunAsync(parseResult.GetValue(files)!, parseResult.GetValue(json), io, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string[] paths, bool json, CliIo io, CancellationToken cancellationToken)
    {
        var formatter = new DiagnosticFormatter(io);
        var reports = new List<FileReport>(paths.Length);
        var exit = ExitCodes.Success;
        foreach (var path in paths)
        {
            var (input, readError) = await DefinitionInput.ReadAsync(path, io, cancellationToken).ConfigureAwait(false);
            if (input is null)
            {
                exit = ExitCodes.Usage;
                reports.Add(new FileReport(path, false, 0, 0, null, null, readError, []));
                if (!json)
                {
                    await io.Error.WriteLineAsync($"sluice: {readError}").ConfigureAwait(false);
                }

                continue;
            }

            var result = DefinitionValidator.Validate(input.Utf8);
            var locator = result.Diagnostics.Count > 0 ? JsonLocator.For(input.Utf8, result.Diagnostics.Select(d => d.Path)) : null;
            var errors = result.Errors.Count();
            var warnings = result.Diagnostics.Count - errors;
            if (!result.IsValid && exit == ExitCodes.Success)
            {
                exit = ExitCodes.Invalid;
            }

            if (json)
            {
                reports.Add(new FileReport(
                    input.Name,
                    result.IsValid,
                    errors,
                    warnings,
                    result.Definition?.AllSteps.Count,
                    result.Definition?.Parameters.Count,
                    null,
                    [.. result.Diagnostics.Select(d => DiagnosticFormatter.ToReport(d, locator))]));
                continue;
            }

            foreach (var diagnostic in result.Diagnostics)
            {
                formatter.Write(input.Name, diagnostic, locator);
            }

            await WriteSummaryAsync(input.Name, result, errors, warnings, io).ConfigureAwait(false);
        }

        if (json)
        {
            await io.Out.WriteLineAsync(JsonSerializer.Serialize(new ValidationReport(reports), CliJsonContext.Output.ValidationReport))
                .ConfigureAwait(false);
        }

        return exit;
    }

    private static async Task WriteSummaryAsync(string name, ValidationResult result, int errors, int warnings, CliIo io)
    {
        var warningText = warnings == 0 ? string.Empty : $", {Plural(warnings, "warning")}";
        if (result.IsValid)
        {
            var definition = result.Definition!;
            await io.Out.WriteLineAsync(
                $"{name}: valid: {Plural(definition.AllSteps.Count, "step")}, {Plural(definition.Parameters.Count, "parameter")}{warningText}")
                .ConfigureAwait(false);
        }
        else
        {
            await io.Error.WriteLineAsync($"{name}: invalid: {Plural(errors, "error")}{warningText}").ConfigureAwait(false);
        }
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count:N0} {noun}s";
}
