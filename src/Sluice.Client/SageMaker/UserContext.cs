namespace Sluice.Client.SageMaker;

/// <summary>Information about the user who created or modified a SageMaker resource.</summary>
public sealed record UserContext
{
    /// <summary>The Amazon Resource Name (ARN) of the user's profile.</summary>
    public string? UserProfileArn { get; init; }

    /// <summary>The name of the user's profile.</summary>
    public string? UserProfileName { get; init; }

    /// <summary>The domain associated with the user.</summary>
    public string? DomainId { get; init; }

    /// <summary>The IAM Identity details associated with the user.</summary>
    public IamIdentity? IamIdentity { get; init; }
}
