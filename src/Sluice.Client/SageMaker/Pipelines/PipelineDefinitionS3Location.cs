namespace Sluice.Client.SageMaker.Pipelines;

/// <summary>The location of the pipeline definition stored in Amazon S3.</summary>
/// <param name="Bucket">Name of the S3 bucket.</param>
/// <param name="ObjectKey">The object key (or key name) uniquely identifies the object in an S3 bucket.</param>
/// <param name="VersionId">Version Id of the pipeline definition file.</param>
public sealed record PipelineDefinitionS3Location(string Bucket, string ObjectKey, string? VersionId = null);
