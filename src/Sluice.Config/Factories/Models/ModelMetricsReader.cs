using Sluice.Config.Reading;
using Sluice.Sdk.Models;

namespace Sluice.Config.Factories.Models;

/// <summary>
/// Reads <c>model_metrics</c>: <c>model_statistics</c>, <c>model_constraints</c>, <c>model_data_statistics</c>,
/// <c>model_data_constraints</c>, <c>bias</c>, <c>bias_pre_training</c>, <c>bias_post_training</c> and
/// <c>explainability</c>, each <c>{content_type, s3_uri, content_digest}</c>.
/// </summary>
internal static class ModelMetricsReader
{
    public static ModelMetrics Read(ConfigSection section) => new()
    {
        ModelStatistics = Source(section, "model_statistics"),
        ModelConstraints = Source(section, "model_constraints"),
        ModelDataStatistics = Source(section, "model_data_statistics"),
        ModelDataConstraints = Source(section, "model_data_constraints"),
        Bias = Source(section, "bias"),
        BiasPreTraining = Source(section, "bias_pre_training"),
        BiasPostTraining = Source(section, "bias_post_training"),
        Explainability = Source(section, "explainability"),
    };

    private static MetricsSource? Source(ConfigSection section, string key) =>
        section.OptionalSection(key) is { } source
            ? new MetricsSource(source.Value("content_type"), source.Value("s3_uri")) { ContentDigest = source.OptionalValue("content_digest") }
            : null;
}
