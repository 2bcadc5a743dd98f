using System.Security.Cryptography;

namespace Sluice.Core.Execution;

/// <summary>SageMaker's ARN and identifier formats.</summary>
public static class Arns
{
    private const string Lowercase = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary><c>arn:aws:sagemaker:{region}:{account}:pipeline/{name}</c>.</summary>
    public static string Pipeline(EngineOptions options, string name) =>
        $"arn:aws:sagemaker:{options.Region}:{options.Account}:pipeline/{name}";

    /// <summary><c>{pipeline arn}/execution/{id}</c>.</summary>
    public static string Execution(string pipelineArn, string executionId) => $"{pipelineArn}/execution/{executionId}";

    /// <summary>A new execution id: 12 lowercase letters and digits.</summary>
    public static string NewExecutionId() => RandomNumberGenerator.GetString(Lowercase, 12);

    /// <summary>A new Callback token: 10 letters and digits, as SendPipelineExecutionStepSuccess requires.</summary>
    public static string NewCallbackToken() => RandomNumberGenerator.GetString(Alphanumeric, 10);

    /// <summary>The pipeline name of a pipeline ARN, an execution ARN, or a plain name.</summary>
    public static string PipelineName(string nameOrArn)
    {
        const string marker = ":pipeline/";
        var at = nameOrArn.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return nameOrArn;
        }

        var rest = nameOrArn[(at + marker.Length)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? rest : rest[..slash];
    }
}
