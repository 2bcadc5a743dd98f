namespace Sluice.Client.SageMaker.Steps;

/// <summary>Metadata about a callback step.</summary>
public sealed record CallbackStepMetadata
{
    /// <summary>The pipeline generated token from the Amazon SQS queue.</summary>
    public string? CallbackToken { get; init; }

    /// <summary>The URL of the Amazon Simple Queue Service (Amazon SQS) queue used by the callback step.</summary>
    public string? SqsQueueUrl { get; init; }

    /// <summary>A list of the output parameters of the callback step.</summary>
    public IReadOnlyList<OutputParameter>? OutputParameters { get; init; }
}
