using System.CommandLine;
using Sluice.Cli.Input;
using Sluice.Cli.Output;
using Sluice.Client.Credentials;
using Sluice.Client.Http;
using Sluice.Client.SageMaker;
using Sluice.Client.SageMaker.Pipelines;
using Sluice.Config;

namespace Sluice.Cli.Commands;

/// <summary>
/// <c>sluice upsert CONFIG_DIR --env ENV [--endpoint URL]</c>: builds an environment's pipeline and creates it on a
/// server that speaks the SageMaker API (SageMaker itself, or <c>sluice serve</c>), or updates it when it exists, as
/// the SageMaker Python SDK's <c>pipeline.upsert()</c> does. The role, tags, description and region come from the
/// shared configuration; credentials from the environment and <c>~/.aws</c>. Exits with 0, 1 (the configuration has
/// errors, or the server refused) or 2 (the command line is wrong, or no credentials or region were found).
/// </summary>
internal static class UpsertCommand
{
    public static Command Create(CliIo io)
    {
        var directory = new Argument<string>("CONFIG_DIR") { Description = "The configuration directory: one folder per environment." };
        var environment = ConfigInput.EnvironmentOption("The environment to build: a folder of CONFIG_DIR, e.g. prod.");
        environment.Required = true;
        var endpoint = new Option<string?>("--endpoint")
        {
            Description = "The SageMaker API to send to, e.g. http://localhost:8080 for sluice serve (default: SageMaker in the pipeline's region).",
            HelpName = "URL",
        };
        var region = new Option<string?>("--region") { Description = "The region (default: the shared configuration's, else AWS_REGION or the profile's).", HelpName = "REGION" };
        var anonymous = new Option<bool>("--no-sign-request") { Description = "Send unsigned requests (sluice serve accepts them unless it has credentials)." };
        var command = new Command("upsert", "Build a pipeline from YAML configuration and create or update it on SageMaker or a sluice server.")
        {
            directory, environment, endpoint, region, anonymous,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            Uri? url = null;
            if (parseResult.GetValue(endpoint) is { } text && (!Uri.TryCreate(text, UriKind.Absolute, out url) || url.Scheme is not ("http" or "https")))
            {
                await io.Error.WriteLineAsync($"sluice: --endpoint takes an http:// or https:// URL, not '{text}'");
                return ExitCodes.Usage;
            }

            var built = await ConfigInput.BuildAsync(parseResult.GetValue(directory)!, parseResult.GetValue(environment)!, io);
            if (built is null)
            {
                return ExitCodes.Invalid;
            }

            if (built.Shared.RoleArn is not { } role)
            {
                await io.Error.WriteLineAsync($"sluice: {built.Shared.File}: role_arn: missing: a pipeline on a server needs the role it runs as");
                return ExitCodes.Invalid;
            }

            var options = new AwsClientOptions
            {
                Endpoint = url,
                Region = parseResult.GetValue(region) ?? built.Shared.Region,
                Anonymous = parseResult.GetValue(anonymous),
            };
            return await UpsertAsync(built, role, options, io, cancellationToken);
        });
        return command;
    }

    private static async Task<int> UpsertAsync(BuiltPipeline built, string role, AwsClientOptions options, CliIo io, CancellationToken cancellationToken)
    {
        var code = new CodeListing();
        await built.Pipeline.UploadCodeAsync(code, cancellationToken);
        foreach (var uri in code.Uris)
        {
            await io.Error.WriteLineAsync($"sluice: the definition names local code at {uri}; upload it there before an execution starts");
        }

        var name = built.Shared.PipelineName;
        try
        {
            using var client = new SageMakerClient(options);
            try
            {
                var created = await client.CreatePipelineAsync(
                    new CreatePipelineRequest
                    {
                        PipelineName = name,
                        PipelineDefinition = built.DefinitionJson,
                        PipelineDescription = built.Shared.Description,
                        RoleArn = role,
                        Tags = built.Shared.Tags.Count == 0 ? null : [.. built.Shared.Tags.Select(t => new Client.SageMaker.Tag(t.Key, t.Value))],
                    },
                    cancellationToken);
                await io.Out.WriteLineAsync($"Created pipeline '{name}' ({built.Shared.Environment}): {created.PipelineArn}");
            }
            catch (AwsServiceException e) when (e.ErrorCode == "ValidationException" && e.Message.Contains("already exists", StringComparison.OrdinalIgnoreCase))
            {
                var updated = await client.UpdatePipelineAsync(
                    new UpdatePipelineRequest
                    {
                        PipelineName = name,
                        PipelineDefinition = built.DefinitionJson,
                        PipelineDescription = built.Shared.Description,
                        RoleArn = role,
                    },
                    cancellationToken);
                await io.Out.WriteLineAsync($"Updated pipeline '{name}' ({built.Shared.Environment}) to version {updated.PipelineVersionId}: {updated.PipelineArn}");
            }

            return ExitCodes.Success;
        }
        catch (AwsConfigurationException e)
        {
            await io.Error.WriteLineAsync($"sluice: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (AwsServiceException e)
        {
            await io.Error.WriteLineAsync($"sluice: the server refused pipeline '{name}': {e.ErrorCode}: {e.Message}");
            return ExitCodes.Invalid;
        }
        catch (HttpRequestException e)
        {
            await io.Error.WriteLineAsync($"sluice: cannot reach the SageMaker API{(options.Endpoint is null ? string.Empty : $" at {options.Endpoint}")}: {e.Message}");
            return ExitCodes.Invalid;
        }
    }
}
