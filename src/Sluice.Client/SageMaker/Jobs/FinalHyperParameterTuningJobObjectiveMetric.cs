using System.Text.Json.Serialization;

namespace Sluice.Client.SageMaker.Jobs;

/// <summary>Shows the latest objective metric emitted by a training job that was launched by a hyperparameter tuning job.</summary>
public sealed record FinalHyperParameterTuningJobObjectiveMetric
{
    /// <summary>Select if you want to minimize or maximize the objective metric during hyperparameter tuning. One of: <c>Maximize</c>, <c>Minimize</c>.</summary>
    public string? Type { get; init; }

    /// <summary>The name of the objective metric.</summary>
    public string? MetricName { get; init; }

    /// <summary>The value of the objective metric.</summary>
    [JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
    public double? Value { get; init; }
}
