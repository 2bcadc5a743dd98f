using System.Text;
using Sluice.Client.Http;
using Sluice.Client.SageMaker;
using Sluice.Client.SageMaker.Pipelines;
using Sluice.Sdk.Code;

namespace Sluice.Sdk.Remote;

/// <summary>Creates a pipeline, or updates it when it exists, as the Python SDK's <c>Pipeline.upsert</c> does.</summary>
internal static class PipelineUpserter
{
    public static async Task<PipelineUpsertResult> UpsertAsync(
        Pipeline pipeline, SageMakerClient client, string roleArn, string? description, PipelineUpsertOptions options, CancellationToken cancellationToken)
    {
        // Everything that can be found wrong here is, before the first request.
        var definition = pipeline.ToDefinitionJson();
        var uploadTo = DefinitionLocation(pipeline, definition, options.Uploader);
        if (options.Uploader is { } uploader)
        {
            await pipeline.UploadCodeAsync(uploader, cancellationToken).ConfigureAwait(false);
            if (uploadTo is { } uri)
            {
                await using var content = new MemoryStream(Encoding.UTF8.GetBytes(definition));
                await uploader.UploadAsync(uri, content, cancellationToken).ConfigureAwait(false);
            }
        }

        var location = uploadTo is null ? null : ToLocation(uploadTo);
        var inline = location is null ? definition : null;
        var parallelism = options.MaxParallelExecutionSteps is { } max ? new ParallelismConfiguration(max) : null;
        try
        {
            var created = await client.CreatePipelineAsync(
                new CreatePipelineRequest
                {
                    PipelineName = pipeline.Name,
                    PipelineDisplayName = options.DisplayName,
                    PipelineDefinition = inline,
                    PipelineDefinitionS3Location = location,
                    PipelineDescription = description,
                    RoleArn = roleArn,
                    Tags = options.Tags,
                    ParallelismConfiguration = parallelism,
                },
                cancellationToken).ConfigureAwait(false);
            return new PipelineUpsertResult(created.PipelineArn ?? string.Empty, Created: true, PipelineVersionId: null);
        }
        catch (AwsServiceException e) when (AlreadyExists(e))
        {
            var updated = await client.UpdatePipelineAsync(
                new UpdatePipelineRequest
                {
                    PipelineName = pipeline.Name,
                    PipelineDisplayName = options.DisplayName,
                    PipelineDefinition = inline,
                    PipelineDefinitionS3Location = location,
                    PipelineDescription = description,
                    RoleArn = roleArn,
                    ParallelismConfiguration = parallelism,
                },
                cancellationToken).ConfigureAwait(false);
            return new PipelineUpsertResult(updated.PipelineArn ?? string.Empty, Created: false, updated.PipelineVersionId);
        }
    }

    /// <summary>Whether CreatePipeline refused because the name is taken: the Python SDK's test, and the newer wording of the same error.</summary>
    internal static bool AlreadyExists(AwsServiceException e) =>
        e.ErrorCode == "ValidationException"
        && (e.Message.Contains("already exists", StringComparison.Ordinal) || e.Message.Contains("Pipeline names must be unique", StringComparison.Ordinal));

    /// <summary>Where the definition is uploaded to, or <see langword="null"/> to send it inline; throws when it cannot be sent at all.</summary>
    private static string? DefinitionLocation(Pipeline pipeline, string definition, ICodeUploader? uploader)
    {
        if (Encoding.UTF8.GetByteCount(definition) < Pipeline.InlineDefinitionLimitBytes || uploader is null || pipeline.Session.DefaultBucket is not { Length: > 0 } bucket)
        {
            return definition.Length > Pipeline.MaxInlineDefinitionLength
                ? throw new InvalidOperationException(
                    $"the definition of pipeline '{pipeline.Name}' is {definition.Length} characters; SageMaker takes at most "
                    + $"{Pipeline.MaxInlineDefinitionLength} inline. Give PipelineUpsertOptions.Uploader and Session.DefaultBucket to send it through S3.")
                : null;
        }

        return S3Paths.Join(bucket, pipeline.Session.DefaultBucketPrefix, pipeline.Name);
    }

    private static PipelineDefinitionS3Location ToLocation(string s3Uri)
    {
        var (bucket, key) = S3Paths.Parse(s3Uri);
        return new PipelineDefinitionS3Location(bucket, key);
    }
}
