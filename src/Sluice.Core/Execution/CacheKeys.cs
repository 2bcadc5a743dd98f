using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Sluice.Definitions;

namespace Sluice.Core.Execution;

/// <summary>
/// The cache key of a step run: a hash of the key scheme's version, the pipeline's name, the step's name and Type, and
/// the attributes SageMaker documents for the step's type (<see cref="CacheKeyMembers"/>), with expressions resolved.
/// For a type SageMaker documents no list for, the key is all its resolved Arguments and the members that change what
/// it produces (PropertyFiles, FunctionArn, SqsQueueUrl, OutputParameters). Display names, descriptions, DependsOn and
/// retry and cache settings never count, and neither does the pipeline's version: unlike SageMaker, an unchanged step
/// keeps its cache across an update of the pipeline. Objects are hashed with their members in ordinal order, so the
/// order a definition writes them in does not matter.
/// </summary>
public static class CacheKeys
{
    /// <summary>
    /// The key scheme's version, the prefix of every key. Entries written under an earlier scheme (bare hashes of every
    /// resolved argument) can never equal a key of this one, so they are misses, never false hits.
    /// </summary>
    public const string Version = "v2";

    private static readonly string[] Ignored = ["Name", "Arguments", "DisplayName", "Description", "DependsOn", "CacheConfig", "RetryPolicies"];

    /// <summary>Whether a step type's runs are cached when CacheConfig enables it.</summary>
    /// <param name="type">The step type.</param>
    /// <returns><see langword="false"/> for Condition and Fail steps, which are always evaluated.</returns>
    public static bool IsCacheable(StepType type) => type is not (StepType.Condition or StepType.Fail);

    /// <summary>Computes a step run's key.</summary>
    /// <param name="pipelineName">The pipeline.</param>
    /// <param name="step">The step.</param>
    /// <param name="resolvedArguments">Its Arguments with expressions replaced by their values.</param>
    /// <param name="resolvedStepMembers">
    /// The step's own members its type's key reads (<see cref="CacheKeyMembers.StepMembers"/>), resolved; a member
    /// missing here is read from the definition as written.
    /// </param>
    /// <returns><c>v2-</c> and a hex SHA-256.</returns>
    public static string Compute(
        string pipelineName,
        StepDefinition step,
        JsonElement resolvedArguments,
        IReadOnlyDictionary<string, JsonElement>? resolvedStepMembers = null)
    {
        var text = new StringBuilder();
        text.Append("sluice-cache-key ").Append(Version).Append('\n');
        text.Append("pipeline=").Append(Json.Quote(pipelineName)).Append('\n');
        text.Append("step=").Append(Json.Quote(step.Name)).Append('\n');
        text.Append("type=").Append(Json.Quote(step.TypeName)).Append('\n');
        if (CacheKeyMembers.For(step.Type) is { } attributes)
        {
            foreach (var attribute in attributes)
            {
                var value = attribute switch
                {
                    { Scope: CacheKeyScope.Step, Name: "Arguments" } => resolvedArguments,
                    { Scope: CacheKeyScope.Step } when resolvedStepMembers?.TryGetValue(attribute.Name, out var resolved) == true => resolved,
                    { Scope: CacheKeyScope.Step } => Member(step.Source, attribute.Name),
                    _ => Member(resolvedArguments, attribute.Name),
                };
                text.Append(attribute).Append('=').Append(CanonicalJson.Write(value, attribute.Children)).Append('\n');
            }
        }
        else
        {
            text.Append("Arguments=").Append(CanonicalJson.Write(resolvedArguments)).Append('\n');
            foreach (var member in step.Source.EnumerateObject().Where(m => Array.IndexOf(Ignored, m.Name) < 0).OrderBy(m => m.Name, StringComparer.Ordinal))
            {
                text.Append(Json.Quote(member.Name)).Append('=').Append(CanonicalJson.Write(member.Value)).Append('\n');
            }
        }

        return Version + "-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static JsonElement Member(JsonElement container, string name) =>
        container.ValueKind == JsonValueKind.Object && container.TryGetProperty(name, out var value) ? value : default;
}
