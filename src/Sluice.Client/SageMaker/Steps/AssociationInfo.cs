namespace Sluice.Client.SageMaker.Steps;

/// <summary>The data type used to describe the relationship between different sources.</summary>
/// <param name="SourceArn">The Amazon Resource Name (ARN) of the <c>AssociationInfo</c> source.</param>
/// <param name="DestinationArn">The Amazon Resource Name (ARN) of the <c>AssociationInfo</c> destination.</param>
public sealed record AssociationInfo(string SourceArn, string DestinationArn);
