using System.Text.Json;
using System.Text.Json.Serialization;
using Sluice.Concourse.Configuration;

namespace Sluice.Concourse.Get;

/// <summary>The <c>params</c> of a get step (and a put's <c>get_params</c>).</summary>
internal sealed record GetParams : ISettings
{
    /// <summary>Every key, with what its value must be.</summary>
    public static readonly IReadOnlyDictionary<string, string> Keys = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["download_pipeline"] = "true or false",
        ["metadata_file"] = "a file name (a string)",
        ["pipeline_file"] = "a file name (a string)",
        ["parameters_file"] = "a file name (a string)",
        ["steps_file"] = "a file name (a string)",
    };

    /// <summary>Whether to write the execution's pipeline definition; default <see langword="true"/>.</summary>
    public bool? DownloadPipeline { get; init; }

    /// <summary>Where DescribePipelineExecution goes; default <c>metadata.json</c>.</summary>
    public string? MetadataFile { get; init; }

    /// <summary>Where the definition goes; default <c>pipeline.json</c>.</summary>
    public string? PipelineFile { get; init; }

    /// <summary>Where the execution's parameters go; default <c>parameters.json</c>.</summary>
    public string? ParametersFile { get; init; }

    /// <summary>Where the execution's steps go; default <c>steps.json</c>.</summary>
    public string? StepsFile { get; init; }

    /// <inheritdoc />
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownKeys { get; set; }
}
