using System.Text;

namespace Sluice.Client.Credentials;

/// <summary>AWS credentials: an access key pair and, for temporary credentials, a session token.</summary>
/// <param name="AccessKeyId">The access key id, e.g. <c>AKIDEXAMPLE</c>.</param>
/// <param name="SecretAccessKey">The secret access key.</param>
/// <param name="SessionToken">The session token of temporary credentials, sent as <c>X-Amz-Security-Token</c>; <see langword="null"/> for long-term keys.</param>
public sealed record AwsCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken = null)
{
    /// <summary>Prints the access key id only: the secret and the token never reach a log.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("AccessKeyId = ").Append(AccessKeyId)
            .Append(", SecretAccessKey = ***")
            .Append(", SessionToken = ").Append(SessionToken is null ? "(none)" : "***");
        return true;
    }
}
