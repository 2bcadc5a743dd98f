using System.Text.Json;
using Sluice.Concourse.Configuration;

namespace Sluice.Concourse.Protocol;

/// <summary>A version of the resource: one pipeline execution, named by its ARN.</summary>
/// <param name="ExecutionArn">The execution's ARN, <c>arn:aws:sagemaker:REGION:ACCOUNT:pipeline/NAME/execution/ID</c>.</param>
internal sealed record ExecutionVersion(string ExecutionArn)
{
    /// <summary>Reads the request's version.</summary>
    /// <param name="version">The <c>version</c> member, or <see langword="null"/> when absent.</param>
    /// <returns>The version, or <see langword="null"/> when there is none (the first check), or it is empty.</returns>
    /// <exception cref="ResourceException">The version has no <c>execution_arn</c>.</exception>
    public static ExecutionVersion? From(JsonElement? version)
    {
        if (version is not { ValueKind: not JsonValueKind.Null } element
            || (element.ValueKind == JsonValueKind.Object && !element.EnumerateObject().Any()))
        {
            return null;
        }

        if (element.ValueKind == JsonValueKind.Object
            && element.TryGetProperty("execution_arn", out var arn)
            && arn.ValueKind == JsonValueKind.String
            && arn.GetString() is { Length: > 0 } text)
        {
            return new ExecutionVersion(text);
        }

        throw new ResourceException($"the version {element.GetRawText()} has no execution_arn; this resource's versions are {{\"execution_arn\": \"arn:...\"}}.");
    }
}
