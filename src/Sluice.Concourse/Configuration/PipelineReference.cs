using System.Text.RegularExpressions;

namespace Sluice.Concourse.Configuration;

/// <summary>
/// The pipeline a resource follows, from <c>source.pipeline</c>: a name, or an ARN in SageMaker's format
/// <c>arn:aws:sagemaker:REGION:ACCOUNT:pipeline/NAME</c>. The form <c>...:pipeline:NAME</c> that the Concourse Tools example
/// parses is accepted too.
/// </summary>
/// <param name="Name">The pipeline's name, as the API calls take it.</param>
/// <param name="Region">The region named by the ARN, or <see langword="null"/> for a plain name.</param>
internal sealed partial record PipelineReference(string Name, string? Region)
{
    private const string Key = "source.pipeline";

    /// <summary>Reads a pipeline name or ARN.</summary>
    /// <param name="value">The value of <c>source.pipeline</c>.</param>
    /// <returns>The reference.</returns>
    /// <exception cref="ResourceException">The value is neither a valid name nor a pipeline ARN; the message says which form was expected.</exception>
    public static PipelineReference Parse(string value)
    {
        if (!value.StartsWith("arn:", StringComparison.Ordinal))
        {
            return new PipelineReference(CheckName(value, value), null);
        }

        // arn:PARTITION:sagemaker:REGION:ACCOUNT:RESOURCE
        var parts = value.Split(':', 6);
        if (parts.Length < 6 || parts[2] != "sagemaker")
        {
            throw new ResourceException($"{Key} '{value}' is not a SageMaker pipeline ARN; expected arn:aws:sagemaker:REGION:ACCOUNT:pipeline/NAME, or just the pipeline's name.");
        }

        var resource = parts[5];
        string name;
        if (resource.StartsWith("pipeline/", StringComparison.Ordinal))
        {
            name = resource["pipeline/".Length..];
            if (name.Contains("/execution/", StringComparison.Ordinal))
            {
                throw new ResourceException($"{Key} '{value}' is the ARN of an execution; give the pipeline's ARN (without /execution/...) or its name.");
            }
        }
        else if (resource.StartsWith("pipeline:", StringComparison.Ordinal))
        {
            name = resource["pipeline:".Length..];
        }
        else
        {
            throw new ResourceException($"{Key} '{value}' names a SageMaker resource that is not a pipeline; expected arn:aws:sagemaker:REGION:ACCOUNT:pipeline/NAME.");
        }

        return new PipelineReference(CheckName(name, value), parts[3].Length > 0 ? parts[3] : null);
    }

    private static string CheckName(string name, string value) => PipelineName().IsMatch(name)
        ? name
        : throw new ResourceException(
            $"{Key} '{value}' is not a pipeline name or ARN: a name has 1 to 256 letters, digits and hyphens, and starts and ends with a letter or digit.");

    /// <summary>SageMaker's pattern for a pipeline name.</summary>
    [GeneratedRegex("^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}$")]
    private static partial Regex PipelineName();
}
