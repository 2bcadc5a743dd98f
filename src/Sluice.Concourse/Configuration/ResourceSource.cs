using System.Text.Json;
using Sluice.Client.Credentials;
using Sluice.Client.SageMaker.Executions;
using Sluice.Concourse.Protocol;

namespace Sluice.Concourse.Configuration;

/// <summary>The resource's checked <c>source</c>: which pipeline, which executions count as versions, and how to reach the API.</summary>
/// <param name="Pipeline">The pipeline.</param>
/// <param name="Statuses">The execution statuses that make a version, in SageMaker's spelling.</param>
/// <param name="Region">The region: <c>source.region</c>, else the pipeline ARN's; <see langword="null"/> to look in the environment.</param>
/// <param name="Endpoint">The API endpoint (<c>sluice serve</c>); <see langword="null"/> for SageMaker's regional endpoint.</param>
/// <param name="Credentials">The credentials from the source; <see langword="null"/> to look in the environment and files.</param>
internal sealed record ResourceSource(
    PipelineReference Pipeline,
    IReadOnlyList<string> Statuses,
    string? Region,
    Uri? Endpoint,
    AwsCredentials? Credentials)
{
    /// <summary>The statuses a version may have when <c>source.statuses</c> is not given: the ended ones.</summary>
    public static readonly IReadOnlyList<string> DefaultStatuses =
        [PipelineExecutionStatus.Succeeded, PipelineExecutionStatus.Stopped, PipelineExecutionStatus.Failed];

    private static readonly string[] KnownStatuses =
    [
        PipelineExecutionStatus.Executing, PipelineExecutionStatus.Stopping, PipelineExecutionStatus.Stopped,
        PipelineExecutionStatus.Failed, PipelineExecutionStatus.Succeeded,
    ];

    /// <summary>Reads and checks the request's source.</summary>
    /// <param name="source">The <c>source</c> member.</param>
    /// <returns>The source.</returns>
    /// <exception cref="ResourceException">A key is missing, unknown or wrong; the message names it.</exception>
    public static ResourceSource Parse(JsonElement? source)
    {
        if (source is not { ValueKind: not JsonValueKind.Null })
        {
            throw new ResourceException("source is missing; it needs at least 'pipeline' (a pipeline name or ARN).");
        }

        var settings = SettingsReader.Read(source, ProtocolJsonContext.Default.SourceSettings, "source", SourceSettings.Keys);
        if (string.IsNullOrWhiteSpace(settings.Pipeline))
        {
            throw new ResourceException("source.pipeline is missing; give the pipeline's name or its ARN (arn:aws:sagemaker:REGION:ACCOUNT:pipeline/NAME).");
        }

        var pipeline = PipelineReference.Parse(settings.Pipeline.Trim());
        var region = Blank(settings.Region);
        if (region is not null && pipeline.Region is not null && region != pipeline.Region)
        {
            throw new ResourceException($"source.region '{region}' contradicts the region '{pipeline.Region}' of source.pipeline; give one or make them agree.");
        }

        return new ResourceSource(pipeline, ReadStatuses(settings.Statuses), region ?? pipeline.Region, ReadEndpoint(settings.Endpoint), ReadCredentials(settings));
    }

    private static List<string> ReadStatuses(IReadOnlyList<string>? statuses)
    {
        if (statuses is null)
        {
            return [.. DefaultStatuses];
        }

        if (statuses.Count == 0)
        {
            throw new ResourceException($"source.statuses is empty; list at least one of {string.Join(", ", KnownStatuses)}.");
        }

        var result = new List<string>();
        foreach (var status in statuses)
        {
            var known = KnownStatuses.FirstOrDefault(k => string.Equals(k, status?.Trim(), StringComparison.OrdinalIgnoreCase))
                ?? throw new ResourceException($"source.statuses has '{status}', which is not an execution status; use {string.Join(", ", KnownStatuses)}.");
            if (!result.Contains(known))
            {
                result.Add(known);
            }
        }

        return result;
    }

    private static Uri? ReadEndpoint(string? endpoint)
    {
        if (Blank(endpoint) is not { } text)
        {
            return null;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new ResourceException($"source.endpoint '{text}' is not an http:// or https:// URL, e.g. http://sluice:8080.");
    }

    private static AwsCredentials? ReadCredentials(SourceSettings settings)
    {
        var accessKey = Blank(settings.AccessKeyId);
        var secretKey = Blank(settings.SecretAccessKey);
        var token = Blank(settings.SessionToken);
        if (accessKey is null && secretKey is null)
        {
            return token is null
                ? null
                : throw new ResourceException("source.session_token is set without source.access_key_id and source.secret_access_key; give all three.");
        }

        if (accessKey is null)
        {
            throw new ResourceException("source.secret_access_key is set but source.access_key_id is not; give both, or neither to use the environment.");
        }

        if (secretKey is null)
        {
            throw new ResourceException("source.access_key_id is set but source.secret_access_key is not; give both, or neither to use the environment.");
        }

        return new AwsCredentials(accessKey, secretKey, token);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
