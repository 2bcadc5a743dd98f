namespace Sluice.Client.SageMaker.Registry;

/// <summary>The request of <c>DescribeModel</c>. Describes a model that you created using the <c>CreateModel</c> API.</summary>
public sealed record DescribeModelRequest
{
    /// <summary>The name of the model.</summary>
    public required string ModelName { get; init; }
}
