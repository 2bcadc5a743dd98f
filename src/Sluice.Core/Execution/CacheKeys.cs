using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Sluice.Definitions;

namespace Sluice.Core.Execution;

/// <summary>
/// The cache key of a step run: a hash of the pipeline's name, the step's name and Type, its resolved Arguments and
/// the members that change what it produces (PropertyFiles, FunctionArn, SqsQueueUrl, OutputParameters). Display names,
/// descriptions, DependsOn and retry and cache settings do not count, and neither does the pipeline's version: unlike
/// SageMaker, an unchanged step keeps its cache across an update of the pipeline.
/// </summary>
public static class CacheKeys
{
    private static readonly string[] Ignored = ["Name", "Arguments", "DisplayName", "Description", "DependsOn", "CacheConfig", "RetryPolicies"];

    /// <summary>Whether a step type's runs are cached when CacheConfig enables it.</summary>
    /// <param name="type">The step type.</param>
    /// <returns><see langword="false"/> for Condition and Fail steps, which are always evaluated.</returns>
    public static bool IsCacheable(StepType type) => type is not (StepType.Condition or StepType.Fail);

    /// <summary>Computes a step run's key.</summary>
    /// <param name="pipelineName">The pipeline.</param>
    /// <param name="step">The step.</param>
    /// <param name="resolvedArguments">Its Arguments with expressions replaced by their values.</param>
    /// <returns>A hex SHA-256.</returns>
    public static string Compute(string pipelineName, StepDefinition step, JsonElement resolvedArguments)
    {
        var text = new StringBuilder();
        text.Append(pipelineName).Append('\n').Append(step.Name).Append('\n').Append(step.TypeName).Append('\n');
        text.Append(resolvedArguments.ValueKind == JsonValueKind.Undefined ? "{}" : DefinitionWriter.Write(resolvedArguments)).Append('\n');
        foreach (var member in step.Source.EnumerateObject())
        {
            if (Array.IndexOf(Ignored, member.Name) < 0)
            {
                text.Append(member.Name).Append('=').Append(DefinitionWriter.Write(member.Value)).Append('\n');
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
