using System.Text.RegularExpressions;

namespace Sluice.Concourse.Protocol;

/// <summary>
/// The build metadata Concourse gives <c>in</c> and <c>out</c> as environment variables (<c>check</c> gets none). One-off
/// builds have no job, pipeline or instance variables.
/// </summary>
internal sealed partial class BuildMetadata
{
    /// <summary>The variables that <see cref="Expand"/> replaces.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "BUILD_ID", "BUILD_NAME", "BUILD_JOB_NAME", "BUILD_PIPELINE_NAME", "BUILD_PIPELINE_INSTANCE_VARS",
        "BUILD_TEAM_NAME", "BUILD_CREATED_BY", "ATC_EXTERNAL_URL",
    ];

    private readonly Func<string, string?> _environment;

    /// <summary>Creates the metadata over an environment.</summary>
    /// <param name="environment">Reads an environment variable.</param>
    public BuildMetadata(Func<string, string?> environment) => _environment = environment;

    /// <summary>The build's id, unique across the Concourse installation.</summary>
    public string? BuildId => Get("BUILD_ID");

    /// <summary>The pipeline's name; absent for one-off builds.</summary>
    public string? PipelineName => Get("BUILD_PIPELINE_NAME");

    /// <summary>
    /// The description of an execution a put starts when the step gives none: <c>Execution from build #$BUILD_ID of
    /// pipeline $BUILD_PIPELINE_NAME</c>, shortened where a one-off build lacks the pipeline.
    /// </summary>
    public string DefaultDescription => (BuildId, PipelineName) switch
    {
        ({ } id, { } pipeline) => $"Execution from build #{id} of pipeline {pipeline}",
        ({ } id, null) => $"Execution from one-off build #{id}",
        _ => "Execution from a Concourse build",
    };

    /// <summary>
    /// Replaces <c>$NAME</c> and <c>${NAME}</c> for the build metadata variables (<see cref="Names"/>) with their values,
    /// empty when unset; any other <c>$</c> stays as written.
    /// </summary>
    /// <param name="text">The text, e.g. <c>ci-$BUILD_NAME</c>.</param>
    /// <returns>The text with the variables replaced.</returns>
    public string Expand(string text) => Variable().Replace(text, match =>
    {
        var name = match.Groups["braced"].Success ? match.Groups["braced"].Value : match.Groups["bare"].Value;
        return Names.Contains(name) ? Get(name) ?? string.Empty : match.Value;
    });

    private string? Get(string name) => _environment(name) is { Length: > 0 } value ? value : null;

    [GeneratedRegex(@"\$(?:\{(?<braced>[A-Z_]+)\}|(?<bare>[A-Z_]+))")]
    private static partial Regex Variable();
}
