using Sluice.Client.Http;
using Sluice.Client.SageMaker;
using Sluice.Client.SageMaker.Executions;
using Sluice.Client.SageMaker.Steps;
using Sluice.Concourse.Configuration;
using Sluice.Concourse.Protocol;

namespace Sluice.Concourse.Get;

/// <summary>
/// <c>in</c>: fetches one execution into the destination directory: <c>metadata.json</c> (DescribePipelineExecution,
/// times as ISO 8601), <c>pipeline.json</c> (the definition it ran, unless <c>download_pipeline: false</c>),
/// <c>parameters.json</c> (the values it ran with, as a name-to-value object) and <c>steps.json</c> (its steps, first
/// started first). An execution that no longer exists fails the step.
/// </summary>
internal static class GetCommand
{
    /// <summary>Runs a get.</summary>
    /// <param name="request">The request: source, version and params.</param>
    /// <param name="destination">The directory Concourse gave (<c>$1</c>).</param>
    /// <param name="io">The environment and the log.</param>
    /// <param name="cancellationToken">Cancels the get.</param>
    /// <returns>The version and its metadata.</returns>
    /// <exception cref="ResourceException">The source, version or params are wrong, or the execution no longer exists.</exception>
    public static async Task<ResourceResponse> RunAsync(ResourceRequest request, string destination, ResourceIo io, CancellationToken cancellationToken)
    {
        var source = ResourceSource.Parse(request.Source);
        var version = ExecutionVersion.From(request.Version)
            ?? throw new ResourceException("the request has no version; in needs {\"execution_arn\": \"arn:...\"}.");
        var parameters = SettingsReader.Read(request.Params, ProtocolJsonContext.Default.GetParams, "params", GetParams.Keys);
        var files = OutputFiles.Resolve(parameters, destination);
        using var client = SageMakerConnection.Create(source, io.Environment, io.Log);

        var arn = version.ExecutionArn;
        var execution = await DescribeAsync(client, arn, cancellationToken).ConfigureAwait(false);
        await io.Log.WriteLineAsync($"Execution {arn}: {Ansi.Status(execution.PipelineExecutionStatus ?? "?")}").ConfigureAwait(false);
        await JsonFile.WriteAsync(files.Metadata, execution, FilesJsonContext.Default.DescribePipelineExecutionResponse, cancellationToken).ConfigureAwait(false);

        if (files.Pipeline is { } pipelineFile)
        {
            var definition = await client.DescribePipelineDefinitionForExecutionAsync(new() { PipelineExecutionArn = arn }, cancellationToken).ConfigureAwait(false);
            Directory.CreateDirectory(Path.GetDirectoryName(pipelineFile)!);
            await File.WriteAllTextAsync(pipelineFile, definition.PipelineDefinition ?? string.Empty, cancellationToken).ConfigureAwait(false);
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var parameter in client.ListAllPipelineParametersForExecutionAsync(new() { PipelineExecutionArn = arn }, cancellationToken).ConfigureAwait(false))
        {
            values[parameter.Name] = parameter.Value;
        }

        await JsonFile.WriteAsync<IReadOnlyDictionary<string, string>>(files.Parameters, values, FilesJsonContext.Default.IReadOnlyDictionaryStringString, cancellationToken).ConfigureAwait(false);

        var steps = new List<PipelineExecutionStep>();
        var stepsRequest = new ListPipelineExecutionStepsRequest { PipelineExecutionArn = arn, SortOrder = "Ascending" };
        await foreach (var step in client.ListAllPipelineExecutionStepsAsync(stepsRequest, cancellationToken).ConfigureAwait(false))
        {
            steps.Add(step);
        }

        await JsonFile.WriteAsync<IReadOnlyList<PipelineExecutionStep>>(files.Steps, steps, FilesJsonContext.Default.IReadOnlyListPipelineExecutionStep, cancellationToken).ConfigureAwait(false);
        await io.Log.WriteLineAsync($"Wrote {string.Join(", ", new[] { files.Metadata, files.Pipeline, files.Parameters, files.Steps }.OfType<string>().Select(Path.GetFileName))}.").ConfigureAwait(false);
        return new ResourceResponse(version, ExecutionMetadata.From(execution));
    }

    private static async Task<DescribePipelineExecutionResponse> DescribeAsync(SageMakerClient client, string arn, CancellationToken cancellationToken)
    {
        try
        {
            return await client.DescribePipelineExecutionAsync(new() { PipelineExecutionArn = arn }, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.ErrorCode == "ResourceNotFound")
        {
            throw new ResourceException($"the execution {arn} no longer exists ({e.Message}); it may have been deleted with its pipeline.", e);
        }
    }
}
