using System.Text.Json;
using Sluice.Client.Http;
using Sluice.Client.SageMaker;
using Sluice.Client.SageMaker.Executions;
using Sluice.Concourse.Configuration;
using Sluice.Concourse.Protocol;

namespace Sluice.Concourse.Put;

/// <summary>
/// <c>out</c>: starts an execution of the pipeline with the params' display name, description (by default
/// <c>Execution from build #$BUILD_ID of pipeline $BUILD_PIPELINE_NAME</c>) and parameters (from <c>parameters_file</c>,
/// then <c>parameters</c>), and answers its version. With <c>wait: true</c> it blocks until the execution ends, logging
/// step progress, and fails unless the execution succeeded.
/// </summary>
internal static class PutCommand
{
    private static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(5);

    /// <summary>Runs a put.</summary>
    /// <param name="request">The request: source and params.</param>
    /// <param name="sourcesDirectory">The build's directory (<c>$1</c>), holding every input.</param>
    /// <param name="io">The environment (build metadata) and the log.</param>
    /// <param name="cancellationToken">Cancels the put.</param>
    /// <returns>The new version and its metadata.</returns>
    /// <exception cref="ResourceException">The source or params are wrong, SageMaker refused the start, or the awaited execution did not succeed.</exception>
    public static async Task<ResourceResponse> RunAsync(ResourceRequest request, string sourcesDirectory, ResourceIo io, CancellationToken cancellationToken)
    {
        var source = ResourceSource.Parse(request.Source);
        var parameters = SettingsReader.Read(request.Params, ProtocolJsonContext.Default.PutParams, "params", PutParams.Keys);
        var build = new BuildMetadata(io.Environment);
        var fromFile = parameters.ParametersFile is { } file
            ? await ParametersFile.ReadAsync(sourcesDirectory, file, cancellationToken).ConfigureAwait(false)
            : null;
        var values = ParameterValues.Merge(fromFile, parameters.Parameters);
        var timeout = Present(parameters.WaitTimeout) is { } t ? Duration.Parse(t, "params.wait_timeout") : (TimeSpan?)null;
        var pollInterval = Present(parameters.PollInterval) is { } p ? Duration.Parse(p, "params.poll_interval") : DefaultPollInterval;
        var wait = parameters.Wait == true;
        if (!wait && (timeout is not null || Present(parameters.PollInterval) is not null))
        {
            await io.Log.WriteLineAsync(Ansi.Yellow("params.wait_timeout and params.poll_interval do nothing without wait: true.")).ConfigureAwait(false);
        }

        var description = parameters.Description is { } d ? build.Expand(d) : build.DefaultDescription;
        var displayName = string.IsNullOrWhiteSpace(parameters.DisplayName) ? null : build.Expand(parameters.DisplayName);

        using var client = SageMakerConnection.Create(source, io.Environment, io.Log);
        var arn = await StartAsync(client, source, new StartPipelineExecutionRequest
        {
            PipelineName = source.Pipeline.Name,
            PipelineExecutionDisplayName = displayName,
            PipelineExecutionDescription = description,
            PipelineParameters = values.Count > 0 ? values : null,
        }, cancellationToken).ConfigureAwait(false);
        await io.Log.WriteLineAsync($"Started {arn}").ConfigureAwait(false);
        foreach (var value in values)
        {
            await io.Log.WriteLineAsync($"  {value.Name} = {value.Value}").ConfigureAwait(false);
        }

        var metadata = new List<MetadataField>();
        if (displayName is not null)
        {
            metadata.Add(new("Display Name", displayName));
        }

        metadata.Add(new("Description", description));
        metadata.AddRange(values.Select(v => new MetadataField($"Parameter: {v.Name}", v.Value)));
        if (wait)
        {
            var final = await new ExecutionWaiter(client, io.Log, TimeProvider.System).WaitAsync(arn, timeout, pollInterval, cancellationToken).ConfigureAwait(false);
            var status = final.PipelineExecutionStatus ?? "?";
            if (status != PipelineExecutionStatus.Succeeded)
            {
                var reason = string.IsNullOrEmpty(final.FailureReason) ? string.Empty : $": {final.FailureReason}";
                throw new ResourceException($"the execution {arn} ended {status}{reason}");
            }

            metadata.Add(new("Status", status));
        }

        return new ResourceResponse(new ExecutionVersion(arn), metadata);
    }

    private static async Task<string> StartAsync(SageMakerClient client, ResourceSource source, StartPipelineExecutionRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var started = await client.StartPipelineExecutionAsync(request, cancellationToken).ConfigureAwait(false);
            return started.PipelineExecutionArn ?? throw new ResourceException("SageMaker started an execution but sent no PipelineExecutionArn.");
        }
        catch (AwsServiceException e) when (e.ErrorCode == "ResourceNotFound")
        {
            throw new ResourceException($"the pipeline '{source.Pipeline.Name}' does not exist at {client.Transport.Endpoint}: {e.Message}", e);
        }
        catch (AwsServiceException e) when (e.ErrorCode == "ValidationException")
        {
            throw new ResourceException($"SageMaker refused to start the pipeline '{source.Pipeline.Name}': {e.Message}", e);
        }
    }

    private static JsonElement? Present(JsonElement? value) =>
        value is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } ? value : null;
}
