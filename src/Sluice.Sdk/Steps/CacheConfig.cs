using System.Text.Json.Nodes;

namespace Sluice.Sdk.Steps;

/// <summary>
/// Step caching: an earlier successful run of the step with the same arguments, no older than
/// <see cref="ExpireAfter"/>, is reused instead of running again. <c>{"Enabled", "ExpireAfter"}</c>.
/// </summary>
/// <param name="Enabled">Whether caching is on.</param>
/// <param name="ExpireAfter">How old a reused run may be, as an ISO 8601 duration such as <c>P30D</c> or <c>PT1H</c>.</param>
public sealed record CacheConfig(bool Enabled = false, string? ExpireAfter = null)
{
    /// <summary>The configuration as the definition writes it.</summary>
    /// <returns>A new JSON object.</returns>
    public JsonObject ToJson()
    {
        var config = new JsonObject { ["Enabled"] = Enabled };
        if (ExpireAfter is not null)
        {
            config["ExpireAfter"] = ExpireAfter;
        }

        return config;
    }
}
