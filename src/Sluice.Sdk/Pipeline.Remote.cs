using Sluice.Client.Http;
using Sluice.Client.SageMaker;
using Sluice.Client.SageMaker.Executions;
using Sluice.Sdk.Remote;

namespace Sluice.Sdk;

/// <content>Creating, updating and starting the pipeline through the SageMaker API.</content>
public sealed partial class Pipeline
{
    /// <summary>Definitions of this many UTF-8 bytes or more go through S3 when an uploader is given, as the Python SDK sends them (100 KB).</summary>
    public const int InlineDefinitionLimitBytes = 100 * 1024;

    /// <summary>The longest definition <c>CreatePipeline</c> and <c>UpdatePipeline</c> take inline, in characters (1 MB).</summary>
    public const int MaxInlineDefinitionLength = 1_048_576;

    /// <summary>
    /// Creates the pipeline, or updates it when one of its name exists, as the Python SDK's <c>pipeline.upsert()</c>
    /// does: <c>CreatePipeline</c>, and on a <c>ValidationException</c> saying the pipeline already exists,
    /// <c>UpdatePipeline</c> (which makes a new version). The definition is validated first: nothing is sent when it is
    /// not valid.
    /// </summary>
    /// <param name="client">The SageMaker client: <c>sluice serve</c> or SageMaker (see <see cref="PipelineClients.FromEnvironment(Uri?, TimeProvider?)"/>).</param>
    /// <param name="roleArn">The IAM role the pipeline runs as.</param>
    /// <param name="description">The pipeline's description.</param>
    /// <param name="options">Display name, tags, parallelism and an uploader for code and large definitions; none when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the uploads and calls.</param>
    /// <returns>The pipeline's ARN, whether it was created, and the version an update made.</returns>
    /// <exception cref="PipelineValidationException">The definition is not valid (duplicate step names, a parameter used but not declared, ...); no request was sent.</exception>
    /// <exception cref="InvalidOperationException">The definition is longer than <see cref="MaxInlineDefinitionLength"/> and cannot go through S3; no request was sent.</exception>
    /// <exception cref="AwsServiceException">The service refused.</exception>
    public Task<PipelineUpsertResult> UpsertAsync(
        SageMakerClient client, string roleArn, string? description = null, PipelineUpsertOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(roleArn);
        return PipelineUpserter.UpsertAsync(this, client, roleArn, description, options ?? new PipelineUpsertOptions(), cancellationToken);
    }

    /// <summary>
    /// Starts an execution of the pipeline as the service has it (<c>StartPipelineExecution</c>). Values are sent as
    /// the Python SDK sends them, as text (<c>str(value)</c>: <c>True</c>, <c>1000</c>, <c>3500.0</c>); names this
    /// pipeline does not declare, required parameters left out, values of the wrong kind and strings outside a
    /// parameter's <c>EnumValues</c> are refused before the request.
    /// </summary>
    /// <param name="client">The SageMaker client.</param>
    /// <param name="parameters">Values by parameter name: strings, Booleans, integers or floating-point numbers; the others take their defaults.</param>
    /// <param name="displayName">The execution's display name.</param>
    /// <param name="description">The execution's description.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The execution, to describe, wait for or stop.</returns>
    /// <exception cref="ArgumentException">A value does not fit this pipeline's parameters; the message names it and the declared ones. No request was sent.</exception>
    /// <exception cref="AwsServiceException">The service refused, e.g. <c>ResourceNotFound</c> when the pipeline was never upserted.</exception>
    public async Task<PipelineExecution> StartAsync(
        SageMakerClient client,
        IReadOnlyDictionary<string, object>? parameters = null,
        string? displayName = null,
        string? description = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var values = StartParameters.Format(this, parameters ?? new Dictionary<string, object>());
        var started = await client.StartPipelineExecutionAsync(
            new StartPipelineExecutionRequest
            {
                PipelineName = Name,
                PipelineExecutionDisplayName = displayName,
                PipelineExecutionDescription = description,
                PipelineParameters = values.Count > 0 ? values : null,
            },
            cancellationToken).ConfigureAwait(false);
        return new PipelineExecution(
            client,
            started.PipelineExecutionArn ?? throw new InvalidOperationException($"StartPipelineExecution for '{Name}' returned no PipelineExecutionArn."));
    }
}
