using System.Text.Json.Nodes;
using Sluice.Sdk.Retry;
using Sluice.Sdk.Serialization;

namespace Sluice.Sdk.Steps;

/// <summary>A step that can be retried by policy: the job, Model and RegisterModel steps.</summary>
public abstract class ConfigurableRetryStep : Step
{
    private protected ConfigurableRetryStep(string name)
        : base(name)
    {
    }

    /// <summary>When and how often to retry the step.</summary>
    public IList<RetryPolicy> RetryPolicies { get; init; } = [];

    /// <summary>The step's caching, for the kinds of step that have one.</summary>
    private protected virtual CacheConfig? Cache => null;

    internal override void WriteTail(JsonObject request, BuildContext context)
    {
        request.Put("CacheConfig", Cache?.ToJson());
        if (RetryPolicies.Count > 0)
        {
            request["RetryPolicies"] = new JsonArray([.. RetryPolicies.Select(p => (JsonNode)p.ToJson())]);
        }
    }
}
