namespace Sluice.Client.SageMaker.Executions;

/// <summary>The MLflow configuration.</summary>
public sealed record MLflowConfiguration
{
    /// <summary>The Amazon Resource Name (ARN) of MLflow configuration resource.</summary>
    public string? MlflowResourceArn { get; init; }

    /// <summary>The name of the MLflow configuration.</summary>
    public string? MlflowExperimentName { get; init; }
}
