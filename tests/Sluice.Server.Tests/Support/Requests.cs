using System.Text.Json;
using Sluice.Server.Api;
using Sluice.Server.Api.Validation;

namespace Sluice.Server.Tests.Support;

/// <summary>Request bodies that pass, and the error a body gets from the default validator.</summary>
internal static class Requests
{
    /// <summary>An idempotency token of a valid length (32 to 128).</summary>
    public const string Token = "2845b171-de36-46fd-918a-7eb1377e187d";

    /// <summary>A valid execution ARN.</summary>
    public const string ExecutionArn = "arn:aws:sagemaker:us-east-1:000000000000:pipeline/p/execution/abc123def456";

    /// <summary>A valid model package ARN.</summary>
    public const string ModelPackageArn = "arn:aws:sagemaker:us-east-1:111122223333:model-package/group/1";

    /// <summary>A valid CreatePipeline body with members replaced or added (a <see langword="null"/> value removes one).</summary>
    public static string CreatePipeline(params (string Name, object? Value)[] changes) =>
        With(
            new Dictionary<string, object?>
            {
                ["PipelineName"] = "my-pipeline",
                ["PipelineDefinition"] = "{\"Version\":\"2020-12-01\",\"Steps\":[]}",
                ["ClientRequestToken"] = Token,
                ["RoleArn"] = "arn:aws:iam::111122223333:role/SageMakerRole",
            },
            changes);

    /// <summary>A valid StartPipelineExecution body with members replaced or added.</summary>
    public static string StartPipelineExecution(params (string Name, object? Value)[] changes) =>
        With(
            new Dictionary<string, object?>
            {
                ["PipelineName"] = "my-pipeline",
                ["ClientRequestToken"] = Token,
                ["PipelineParameters"] = new[] { new { Name = "Threshold", Value = "7" }, new { Name = "InputData", Value = "s3://bucket/key" } },
            },
            changes);

    /// <summary>The exception the default validator throws for a body.</summary>
    public static ApiException Fails(string target, string body)
    {
        using var document = JsonDocument.Parse(body);
        return Should.Throw<ApiException>(() => RequestValidator.Default.Validate(target, document.RootElement));
    }

    /// <summary>Whether the default validator accepts a body.</summary>
    public static bool Passes(string target, string body)
    {
        using var document = JsonDocument.Parse(body);
        try
        {
            RequestValidator.Default.Validate(target, document.RootElement);
            return true;
        }
        catch (ApiException)
        {
            return false;
        }
    }

    private static string With(Dictionary<string, object?> body, (string Name, object? Value)[] changes)
    {
        foreach (var (name, value) in changes)
        {
            if (value is null)
            {
                body.Remove(name);
            }
            else
            {
                body[name] = value;
            }
        }

        return JsonSerializer.Serialize(body);
    }
}
