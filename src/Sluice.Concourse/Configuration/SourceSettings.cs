using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sluice.Concourse.Configuration;

/// <summary>The resource's <c>source</c> as written in the Concourse pipeline, before it is checked (<see cref="ResourceSource"/>).</summary>
internal sealed record SourceSettings : ISettings
{
    /// <summary>Every key, with what its value must be.</summary>
    public static readonly IReadOnlyDictionary<string, string> Keys = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["pipeline"] = "a pipeline name or ARN (a string)",
        ["statuses"] = "a list of execution statuses (Succeeded, Stopped, Failed, Executing, Stopping)",
        ["region"] = "an AWS region such as eu-west-1 (a string)",
        ["endpoint"] = "a URL such as http://sluice:8080 (a string)",
        ["access_key_id"] = "a string",
        ["secret_access_key"] = "a string",
        ["session_token"] = "a string",
    };

    /// <summary>The pipeline's name or ARN.</summary>
    public string? Pipeline { get; init; }

    /// <summary>The statuses whose executions are versions.</summary>
    public IReadOnlyList<string>? Statuses { get; init; }

    /// <summary>The AWS region.</summary>
    public string? Region { get; init; }

    /// <summary>The API endpoint, e.g. <c>sluice serve</c>'s.</summary>
    public string? Endpoint { get; init; }

    /// <summary>The access key id.</summary>
    public string? AccessKeyId { get; init; }

    /// <summary>The secret access key.</summary>
    public string? SecretAccessKey { get; init; }

    /// <summary>The session token of temporary credentials.</summary>
    public string? SessionToken { get; init; }

    /// <inheritdoc />
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownKeys { get; set; }
}
