namespace Sluice.Client.SageMaker.Steps;

/// <summary>Metadata for a Lambda step.</summary>
public sealed record LambdaStepMetadata
{
    /// <summary>The Amazon Resource Name (ARN) of the Lambda function that was run by this step execution.</summary>
    public string? Arn { get; init; }

    /// <summary>A list of the output parameters of the Lambda step.</summary>
    public IReadOnlyList<OutputParameter>? OutputParameters { get; init; }
}
