using System.Text.Json.Nodes;
using Sluice.Definitions;
using Sluice.Definitions.Validation;
using Sluice.Sdk.Code;
using Sluice.Sdk.Local;
using Sluice.Sdk.Parameters;
using Sluice.Sdk.Serialization;
using Sluice.Sdk.Steps;

namespace Sluice.Sdk;

/// <summary>
/// A SageMaker pipeline built from typed parts: its parameters, its steps (steps they read from are added when
/// missing) and its experiment configuration. <see cref="ToDefinitionJson"/> writes the definition the SageMaker
/// Python SDK's <c>pipeline.definition()</c> writes for the same pipeline, after the Sluice validator has accepted it;
/// <see cref="RunLocallyAsync"/> runs it on this machine; <see cref="UpsertAsync"/> and <see cref="StartAsync"/> create
/// and run it through the SageMaker API, on <c>sluice serve</c> or SageMaker itself.
/// </summary>
/// <param name="name">The pipeline's name: on the service, in code upload paths and for <see cref="RunLocallyAsync"/>.</param>
public sealed partial class Pipeline(string name)
{
    /// <summary>The pipeline's name.</summary>
    public string Name { get; } = name;

    /// <summary>The parameters, declared in this order.</summary>
    public IList<Parameter> Parameters { get; init; } = [];

    /// <summary>The steps, written in this order; steps in a Condition step's branches are not listed here.</summary>
    public IList<Step> Steps { get; init; } = [];

    /// <summary>The experiment configuration; <see cref="PipelineExperimentConfig.Default"/> unless set, and <see langword="null"/> writes <c>null</c>.</summary>
    public PipelineExperimentConfig? ExperimentConfig { get; set; } = PipelineExperimentConfig.Default;

    /// <summary>The region and default bucket the definition is written for.</summary>
    public PipelineSession Session { get; set; } = new();

    /// <summary>Writes the definition as the Python SDK writes it (one line, <c>json.dumps</c> spacing), once it is valid.</summary>
    /// <returns>The definition JSON.</returns>
    /// <exception cref="PipelineValidationException">When the validator finds errors; the message lists each with its step and JSON path.</exception>
    public string ToDefinitionJson()
    {
        var text = Write(Build().Definition);
        var diagnostics = DefinitionValidator.Validate(text).Diagnostics;
        return diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) ? throw new PipelineValidationException(Name, diagnostics) : text;
    }

    /// <summary>Checks the definition with the Sluice validator without throwing.</summary>
    /// <returns>Every problem found (errors and warnings), in document order; empty when there is none.</returns>
    public IReadOnlyList<Diagnostic> Validate() => DefinitionValidator.Validate(Write(Build().Definition)).Diagnostics;

    /// <summary>
    /// Uploads the code the definition refers to but that is on this machine: local processing scripts and inputs, and
    /// packed script-mode source folders, each to the content-hash path the definition names.
    /// </summary>
    /// <param name="uploader">Where to upload; <see cref="ObjectStoreCodeUploader"/> for Sluice's object store.</param>
    /// <param name="cancellationToken">Cancels the uploads.</param>
    /// <returns>The S3 URIs uploaded to.</returns>
    public async Task<IReadOnlyList<string>> UploadCodeAsync(ICodeUploader uploader, CancellationToken cancellationToken = default)
    {
        var artifacts = Build().Artifacts;
        foreach (var artifact in artifacts)
        {
            await using var content = artifact.Open();
            await uploader.UploadAsync(artifact.S3Uri, content, cancellationToken);
        }

        return [.. artifacts.Select(a => a.S3Uri)];
    }

    /// <summary>
    /// Runs the pipeline on this machine with the Sluice engine, without a server: uploads its local code into the data
    /// directory's object store, stores the definition as a pipeline version, starts an execution and waits for it.
    /// </summary>
    /// <param name="options">The data directory, parameter values and configuration; the defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the execution (gracefully: it ends Stopped).</param>
    /// <returns>The execution's final status and its steps.</returns>
    /// <exception cref="PipelineValidationException">When the definition is not valid.</exception>
    public Task<LocalRunResult> RunLocallyAsync(LocalRunOptions? options = null, CancellationToken cancellationToken = default) =>
        LocalRunner.RunAsync(this, options ?? new LocalRunOptions(), cancellationToken);

    /// <summary>Builds the definition's tree and collects the code it needs uploaded.</summary>
    internal (JsonObject Definition, IReadOnlyList<CodeArtifact> Artifacts) Build()
    {
        var context = BuildContext.ForPipeline(Name, Session);
        var definition = new JsonObject
        {
            ["Version"] = "2020-12-01",
            ["Metadata"] = new JsonObject(),
            ["Parameters"] = new JsonArray([.. Parameters.Select(p => (JsonNode)p.ToDeclaration())]),
            ["PipelineExperimentConfig"] = ExperimentConfig?.Write(context),
            ["Steps"] = StepsCompiler.Compile(Steps, context),
        };
        return (definition, context.Artifacts);
    }

    private static string Write(JsonObject definition) => DefinitionWriter.Write(definition);
}
