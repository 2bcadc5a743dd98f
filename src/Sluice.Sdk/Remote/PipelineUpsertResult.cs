namespace Sluice.Sdk.Remote;

/// <summary>What <see cref="Pipeline.UpsertAsync"/> did.</summary>
/// <param name="PipelineArn">The pipeline's ARN.</param>
/// <param name="Created">Whether the pipeline was created; <see langword="false"/> when it existed and was updated.</param>
/// <param name="PipelineVersionId">
/// The version an update made (2 for the first update); <see langword="null"/> after a create, whose response carries
/// no version (a new pipeline's version is 1).
/// </param>
public sealed record PipelineUpsertResult(string PipelineArn, bool Created, long? PipelineVersionId);
