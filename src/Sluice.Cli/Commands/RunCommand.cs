using System.CommandLine;
using System.Text.RegularExpressions;
using Sluice.Cli.Execution;
using Sluice.Cli.Input;
using Sluice.Cli.Output;
using Sluice.Config;
using Sluice.Core;
using Sluice.Core.Execution;
using Sluice.Core.Storage;
using Sluice.Definitions.Validation;
using Sluice.Sdk.Code;

namespace Sluice.Cli.Commands;

/// <summary>
/// <c>sluice run FILE</c>: runs a pipeline definition in this process, with a live view of its steps, and exits with
/// 0 (Succeeded), 1 (Failed), 3 (Stopped) or 2 (usage, configuration or validation errors). Ctrl-C or SIGTERM stops the
/// execution gracefully; a second one leaves at once with 130 (the execution resumes at the next start on the same data directory).
/// <c>sluice run CONFIG_DIR --env ENV</c> builds the environment's pipeline from its YAML configuration first (as
/// <c>sluice build</c> does), uploads the local code it names into the data directory's object store, and runs it.
/// </summary>
internal static partial class RunCommand
{
    public static Command Create(CliIo io)
    {
        var file = new Argument<string>("FILE")
        {
            Description = "A pipeline definition JSON file ('-' reads standard input), or a configuration directory with --env.",
        };
        var environment = ConfigInput.EnvironmentOption("With a configuration directory: the environment to build and run, e.g. dev.");
        var parameters = new Option<string[]>("--param", "-p")
        {
            Description = "A parameter value, NAME=VALUE; repeat for more. The rest take their defaults.",
            HelpName = "NAME=VALUE",
            Arity = ArgumentArity.OneOrMore,
        };
        var data = CommonOptions.Data();
        var config = CommonOptions.Config();
        var name = new Option<string?>("--name")
        {
            Description = "The pipeline's name (default: the file's name, or the configuration's pipeline name).",
            HelpName = "NAME",
        };
        var parallelism = new Option<int?>("--parallelism") { Description = "The most steps of this execution that run at once.", HelpName = "N" };
        parallelism.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1)
            {
                result.AddError("--parallelism must be 1 or more.");
            }
        });
        var displayName = new Option<string?>("--display-name") { Description = "The execution's display name.", HelpName = "NAME" };
        var json = CommonOptions.Json("Print the execution, its steps and parameters as JSON on standard output at the end.");
        var command = new Command("run", "Run a pipeline on this machine and wait for it to end.")
        {
            file, environment, parameters, data, config, name, parallelism, displayName, json,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            new Request(
                parseResult.GetValue(file)!,
                parseResult.GetValue(environment),
                parseResult.GetValue(parameters) ?? [],
                parseResult.GetValue(data)!,
                parseResult.GetValue(config),
                parseResult.GetValue(name),
                parseResult.GetValue(parallelism),
                parseResult.GetValue(displayName),
                parseResult.GetValue(json)),
            io,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(Request request, CliIo io, CancellationToken cancellationToken)
    {
        var (input, built) = await ReadInputAsync(request, io, cancellationToken);
        if (input is null)
        {
            return ExitCodes.Usage;
        }

        var validation = DefinitionValidator.Validate(input.Utf8);
        if (!validation.IsValid)
        {
            var formatter = new DiagnosticFormatter(io);
            var locator = JsonLocator.For(input.Utf8, validation.Errors.Select(d => d.Path));
            foreach (var error in validation.Errors)
            {
                formatter.Write(input.Name, error, locator);
            }

            return ExitCodes.Usage;
        }

        if (ParseParameters(request.Parameters, io) is not { } parameters)
        {
            return ExitCodes.Usage;
        }

        try
        {
            // Checked before anything is stored: a refused parameter must not leave a new pipeline version behind.
            ParameterBinder.Bind(validation.Definition!, parameters);
        }
        catch (ParameterBindingException e)
        {
            foreach (var problem in e.Problems)
            {
                await io.Error.WriteLineAsync($"sluice: {problem}");
            }

            return ExitCodes.Usage;
        }

        if (await EngineHost.OpenEngineAsync(io, request.Data, request.Config, cancellationToken) is not { } host)
        {
            return ExitCodes.Usage;
        }

        await using (host)
        {
            var engine = host.Engine!;
            var resumed = await engine.ResumeAsync(cancellationToken);
            if (resumed.Count > 0)
            {
                await io.Error.WriteLineAsync($"sluice: resumed {resumed.Count} unfinished execution(s) found in {request.Data}");
            }

            var pipelineName = request.Name ?? built?.Pipeline.Name ?? NameFromFile(input.Name);
            ExecutionRecord execution;
            try
            {
                if (built is not null)
                {
                    await built.Pipeline.UploadCodeAsync(new ObjectStoreCodeUploader(engine.Objects), cancellationToken);
                }

                var pipeline = await engine.SavePipelineIfChangedAsync(pipelineName, input.Text, cancellationToken);
                execution = await engine.StartExecutionAsync(
                    new StartExecutionRequest
                    {
                        PipelineName = pipeline.Name,
                        Parameters = parameters,
                        DisplayName = request.DisplayName,
                        MaxParallelExecutionSteps = request.Parallelism,
                    },
                    cancellationToken);
            }
            catch (ParameterBindingException e)
            {
                foreach (var problem in e.Problems)
                {
                    await io.Error.WriteLineAsync($"sluice: {problem}");
                }

                return ExitCodes.Usage;
            }

            var finals = await ExecutionFollower.FollowAsync(engine, [execution], request.Data, request.Json, io, cancellationToken);
            if (finals is not null)
            {
                foreach (var other in resumed)
                {
                    await engine.WaitAsync(other.Arn, cancellationToken);
                }
            }

            return ExecutionFollower.ExitCode(finals);
        }
    }

    /// <summary>The definition to run: the file's, or the one built from a configuration directory (which <paramref name="request"/>'s --env names).</summary>
    /// <returns>The input, and the built pipeline for a configuration directory; no input when there is none to run (the problem is printed).</returns>
    private static async Task<(DefinitionInput? Input, BuiltPipeline? Built)> ReadInputAsync(Request request, CliIo io, CancellationToken cancellationToken)
    {
        if (request.File != "-" && Directory.Exists(request.File))
        {
            if (request.Environment is not { } environment)
            {
                await io.Error.WriteLineAsync($"sluice: {request.File} is a configuration directory; give the environment to run with --env ENV");
                return (null, null);
            }

            var built = await ConfigInput.BuildAsync(request.File, environment, io);
            return built is null ? (null, null) : (DefinitionInput.FromText(request.File, built.DefinitionJson), built);
        }

        if (request.Environment is not null)
        {
            await io.Error.WriteLineAsync($"sluice: --env applies to a configuration directory; {request.File} is not one");
            return (null, null);
        }

        var (input, readError) = await DefinitionInput.ReadAsync(request.File, io, cancellationToken);
        if (input is null)
        {
            await io.Error.WriteLineAsync($"sluice: {readError}");
        }

        return (input, null);
    }

    private static List<ParameterValue>? ParseParameters(string[] pairs, CliIo io)
    {
        var values = new List<ParameterValue>();
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                io.Error.WriteLine($"sluice: --param takes NAME=VALUE, not '{pair}'");
                return null;
            }

            values.Add(new ParameterValue(pair[..equals], pair[(equals + 1)..]));
        }

        return values;
    }

    /// <summary>A pipeline name from a file name: <c>my_pipeline.json</c> becomes <c>my-pipeline</c>.</summary>
    internal static string NameFromFile(string file)
    {
        var stem = file == DefinitionInput.StdinName ? "pipeline" : Path.GetFileNameWithoutExtension(file);
        var name = InvalidNameCharacters().Replace(stem, "-").Trim('-');
        return name.Length == 0 ? "pipeline" : name.Length > 256 ? name[..256] : name;
    }

    [GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial Regex InvalidNameCharacters();

    private sealed record Request(
        string File,
        string? Environment,
        string[] Parameters,
        string Data,
        string? Config,
        string? Name,
        int? Parallelism,
        string? DisplayName,
        bool Json);
}
