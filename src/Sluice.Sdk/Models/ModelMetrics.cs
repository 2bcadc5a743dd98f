using System.Text.Json.Nodes;
using Sluice.Sdk.Serialization;

namespace Sluice.Sdk.Models;

/// <summary>
/// The metrics registered with a model package: <c>{"ModelQuality", "ModelDataQuality", "Bias", "Explainability"}</c>,
/// each group written only when one of its files is set (the Python SDK also writes empty <c>Bias</c> and
/// <c>Explainability</c> objects).
/// </summary>
public sealed class ModelMetrics
{
    /// <summary>Model quality statistics.</summary>
    public MetricsSource? ModelStatistics { get; init; }

    /// <summary>Model quality constraints.</summary>
    public MetricsSource? ModelConstraints { get; init; }

    /// <summary>Data quality statistics.</summary>
    public MetricsSource? ModelDataStatistics { get; init; }

    /// <summary>Data quality constraints.</summary>
    public MetricsSource? ModelDataConstraints { get; init; }

    /// <summary>The bias report.</summary>
    public MetricsSource? Bias { get; init; }

    /// <summary>The pre-training bias report.</summary>
    public MetricsSource? BiasPreTraining { get; init; }

    /// <summary>The post-training bias report.</summary>
    public MetricsSource? BiasPostTraining { get; init; }

    /// <summary>The explainability report.</summary>
    public MetricsSource? Explainability { get; init; }

    internal JsonObject Write(BuildContext context)
    {
        var metrics = new JsonObject();
        Group(metrics, "ModelQuality", context, ("Statistics", ModelStatistics), ("Constraints", ModelConstraints));
        Group(metrics, "ModelDataQuality", context, ("Statistics", ModelDataStatistics), ("Constraints", ModelDataConstraints));
        Group(metrics, "Bias", context, ("Report", Bias), ("PreTrainingReport", BiasPreTraining), ("PostTrainingReport", BiasPostTraining));
        Group(metrics, "Explainability", context, ("Report", Explainability));
        return metrics;
    }

    private static void Group(JsonObject metrics, string name, BuildContext context, params (string Name, MetricsSource? Source)[] members)
    {
        var group = new JsonObject();
        foreach (var (member, source) in members)
        {
            group.Put(member, source?.Write(context));
        }

        if (group.Count > 0)
        {
            metrics[name] = group;
        }
    }
}
