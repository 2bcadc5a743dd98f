using Sluice.Config.Shared;
using Sluice.Sdk;

namespace Sluice.Config;

/// <summary>An environment's pipeline, built: the Sluice.Sdk pipeline, the shared configuration it was built with, and its definition.</summary>
/// <param name="Pipeline">The pipeline; run it with <c>RunLocallyAsync</c> (Sluice.Sdk.Local) or upload its code with <see cref="Pipeline.UploadCodeAsync"/>.</param>
/// <param name="Shared">The environment's shared configuration (role, tags, region for a server).</param>
/// <param name="DefinitionJson">The definition, as the SageMaker Python SDK writes it; the validator accepted it.</param>
/// <param name="Warnings">The validator's warnings, each as <c>file:line: warning CODE location: message</c>.</param>
public sealed record BuiltPipeline(Pipeline Pipeline, SharedConfig Shared, string DefinitionJson, IReadOnlyList<string> Warnings);
