using System.CommandLine;
using Sluice.Cli.Input;
using Sluice.Cli.Output;
using Sluice.Core;
using Sluice.Definitions.Graph.Rendering;
using Sluice.Definitions.Validation;

namespace Sluice.Cli.Commands;

/// <summary><c>sluice graph FILE [--format mermaid|dot|json]</c>: draws a definition's step graph.</summary>
internal static class GraphCommand
{
    public static Command Create(CliIo io)
    {
        var file = new Argument<string>("FILE") { Description = "A pipeline definition JSON file; '-' reads standard input." };
        var format = new Option<GraphFormat>("--format", "-f")
        {
            Description = "How to draw: mermaid (a flowchart), dot (Graphviz) or json (nodes and edges).",
            DefaultValueFactory = _ => GraphFormat.Mermaid,
        };
        format.AcceptOnlyFromAmong("mermaid", "dot", "json");
        format.CustomParser = result => Enum.Parse<GraphFormat>(result.Tokens[^1].Value, ignoreCase: true);
        var command = new Command(
            "graph",
            "Draw the steps of a pipeline definition and what each waits for: DependsOn (dashed), data references, and condition branches.")
        {
            file,
            format,
        };
        command.SetAction((parseResult, cancellationToken) =>
            RunAsync(parseResult.GetValue(file)!, parseResult.GetValue(format), io, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string path, GraphFormat format, CliIo io, CancellationToken cancellationToken)
    {
        var (input, readError) = await DefinitionInput.ReadAsync(path, io, cancellationToken).ConfigureAwait(false);
        if (input is null)
        {
            await io.Error.WriteLineAsync($"sluice: {readError}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var result = DefinitionValidator.Validate(input.Utf8);
        if (result.Errors.Any())
        {
            var formatter = new DiagnosticFormatter(io);
            var locator = JsonLocator.For(input.Utf8, result.Errors.Select(d => d.Path));
            foreach (var diagnostic in result.Errors)
            {
                formatter.Write(input.Name, diagnostic, locator);
            }
        }

        if (result.Graph is null)
        {
            return ExitCodes.Invalid;
        }

        await io.Out.WriteAsync(GraphWriter.Write(result.Graph, format)).ConfigureAwait(false);
        return result.IsValid ? ExitCodes.Success : ExitCodes.Invalid;
    }
}
