using System.Text.Json;
using System.Text.Json.Serialization;
using Sluice.Concourse.Configuration;

namespace Sluice.Concourse.Put;

/// <summary>The <c>params</c> of a put step.</summary>
internal sealed record PutParams : ISettings
{
    /// <summary>Every key, with what its value must be.</summary>
    public static readonly IReadOnlyDictionary<string, string> Keys = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["display_name"] = "a string",
        ["description"] = "a string",
        ["parameters"] = "a map of pipeline parameter names to values",
        ["parameters_file"] = "a path to a JSON or YAML file (a string)",
        ["wait"] = "true or false",
        ["wait_timeout"] = "a duration such as 90s, 30m or 2h",
        ["poll_interval"] = "a duration such as 5s",
    };

    /// <summary>The execution's display name; <c>$BUILD_*</c> variables are expanded.</summary>
    public string? DisplayName { get; init; }

    /// <summary>The execution's description; <c>$BUILD_*</c> variables are expanded.</summary>
    public string? Description { get; init; }

    /// <summary>Pipeline parameter values, strings, numbers or booleans; they win over <see cref="ParametersFile"/>'s.</summary>
    public Dictionary<string, JsonElement>? Parameters { get; init; }

    /// <summary>A JSON or YAML file of parameter values, relative to the build's directory.</summary>
    public string? ParametersFile { get; init; }

    /// <summary>Whether to block until the execution ends, failing the put unless it succeeded.</summary>
    public bool? Wait { get; init; }

    /// <summary>How long to wait at most; unbounded when absent.</summary>
    public JsonElement? WaitTimeout { get; init; }

    /// <summary>How often to look at the execution while waiting; default 5 seconds.</summary>
    public JsonElement? PollInterval { get; init; }

    /// <inheritdoc />
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownKeys { get; set; }
}
