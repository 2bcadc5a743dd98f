namespace Sluice.Client.SageMaker;

/// <summary>The IAM Identity details associated with the user.</summary>
public sealed record IamIdentity
{
    /// <summary>The Amazon Resource Name (ARN) of the IAM identity.</summary>
    public string? Arn { get; init; }

    /// <summary>The ID of the principal that assumes the IAM identity.</summary>
    public string? PrincipalId { get; init; }

    /// <summary>The person or application which assumes the IAM identity.</summary>
    public string? SourceIdentity { get; init; }
}
