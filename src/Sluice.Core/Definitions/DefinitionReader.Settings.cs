using System.Globalization;
using System.Text.Json.Nodes;
using Sluice.Core.Expressions;
using Sluice.Core.Validation;

namespace Sluice.Core.Definitions;

/// <content>Reading per-step settings: CacheConfig, RetryPolicies, PropertyFiles and OutputParameters.</content>
public static partial class DefinitionReader
{
    private const int MaxRetryAttempts = 20;
    private const int MaxRetryMinutes = 14_400;

    private static readonly string[] StepExceptionTypes = ["Step.SERVICE_FAULT", "Step.THROTTLING"];

    private static readonly string[] JobExceptionTypes =
        ["SageMaker.JOB_INTERNAL_ERROR", "SageMaker.CAPACITY_ERROR", "SageMaker.RESOURCE_LIMIT"];

    private static readonly string[] RetryMembers = ["ExceptionType", "IntervalSeconds", "BackoffRate", "MaxAttempts", "ExpireAfterMin"];

    private static CacheConfig? ReadCacheConfig(JsonObject obj, DiagnosticScope scope)
    {
        if (!obj.TryGetPropertyValue("CacheConfig", out var node) || node is null)
        {
            return null;
        }

        if (node is not JsonObject config)
        {
            scope.Error(DiagnosticCodes.CacheConfig, "CacheConfig", $"CacheConfig must be an object with Enabled and ExpireAfter, not {ExpressionParser.Describe(node)}");
            return null;
        }

        if (!JsonNodes.TryGetBoolean(config["Enabled"], out var enabled))
        {
            scope.Error(DiagnosticCodes.CacheConfig, "CacheConfig.Enabled",
                config.ContainsKey("Enabled") ? $"Enabled must be true or false, not {config["Enabled"]!.ToJsonString()}" : "CacheConfig needs Enabled (true or false)");
            return null;
        }

        TimeSpan? expireAfter = null;
        if (config.TryGetPropertyValue("ExpireAfter", out var expireNode) && expireNode is not null)
        {
            if (!JsonNodes.TryGetString(expireNode, out var text) || !Iso8601Duration.TryParse(text, out var duration))
            {
                scope.Error(DiagnosticCodes.CacheConfig, "CacheConfig.ExpireAfter",
                    $"{expireNode.ToJsonString()} is not an ISO 8601 duration such as \"PT1H\", \"P30D\" or \"P4DT12H\"");
                return null;
            }

            expireAfter = duration;
        }
        else if (enabled)
        {
            scope.Warning(DiagnosticCodes.CacheConfig, "CacheConfig", "caching is enabled without ExpireAfter, so cached results never expire");
        }

        return new CacheConfig(enabled, expireAfter);
    }

    private static List<RetryPolicy> ReadRetryPolicies(JsonObject obj, StepType type, DiagnosticScope scope)
    {
        var policies = new List<RetryPolicy>();
        if (!obj.TryGetPropertyValue("RetryPolicies", out var node) || node is null)
        {
            return policies;
        }

        if (node is not JsonArray array)
        {
            scope.Error(DiagnosticCodes.RetryPolicy, "RetryPolicies", $"RetryPolicies must be a list, not {ExpressionParser.Describe(node)}");
            return policies;
        }

        if (type is StepType.Condition or StepType.Fail or StepType.Lambda or StepType.Callback)
        {
            scope.Warning(DiagnosticCodes.RetryPolicy, "RetryPolicies",
                $"SageMaker takes RetryPolicies on job, Model and RegisterModel steps only; on a {type} step they are ignored");
        }

        for (var i = 0; i < array.Count; i++)
        {
            if (ReadRetryPolicy(array[i], JsonPaths.Index("RetryPolicies", i), type, scope) is { } policy)
            {
                policies.Add(policy);
            }
        }

        return policies;
    }

    private static RetryPolicy? ReadRetryPolicy(JsonNode? node, string path, StepType type, DiagnosticScope scope)
    {
        if (node is not JsonObject obj)
        {
            scope.Error(DiagnosticCodes.RetryPolicy, path, $"a retry policy must be an object, not {ExpressionParser.Describe(node)}");
            return null;
        }

        var errors = 0;
        void Fail(string member, string message)
        {
            errors++;
            scope.Error(DiagnosticCodes.RetryPolicy, JsonPaths.Combine(path, member), message);
        }

        foreach (var (member, _) in obj)
        {
            if (Array.IndexOf(RetryMembers, member) < 0)
            {
                scope.Warning(DiagnosticCodes.UnknownMember, JsonPaths.Member(path, member),
                    $"'{member}' is not a member of a retry policy{Spelling.Hint(member, RetryMembers)}");
            }
        }

        var exceptionTypes = ReadExceptionTypes(obj, type, Fail);

        var interval = 1.0;
        if (obj.TryGetPropertyValue("IntervalSeconds", out var intervalNode) && intervalNode is not null
            && (!JsonNodes.TryGetNumber(intervalNode, out interval) || interval < 0))
        {
            Fail("IntervalSeconds", $"IntervalSeconds must be a number of seconds, 0 or more; not {intervalNode.ToJsonString()}");
        }

        var backoff = 2.0;
        if (obj.TryGetPropertyValue("BackoffRate", out var backoffNode) && backoffNode is not null
            && (!JsonNodes.TryGetNumber(backoffNode, out backoff) || backoff < 0))
        {
            Fail("BackoffRate", $"BackoffRate must be a number, 0 or more; not {backoffNode.ToJsonString()}");
        }

        var maxAttempts = ReadBoundedInteger(obj, "MaxAttempts", 1, MaxRetryAttempts, Fail);
        var expireAfter = ReadBoundedInteger(obj, "ExpireAfterMin", 0, MaxRetryMinutes, Fail);
        var hasMax = obj["MaxAttempts"] is not null;
        var hasExpire = obj["ExpireAfterMin"] is not null;
        if (hasMax && hasExpire)
        {
            Fail(string.Empty, "give MaxAttempts or ExpireAfterMin, not both");
        }
        else if (!hasMax && !hasExpire)
        {
            scope.Warning(DiagnosticCodes.RetryPolicy, path, "the policy has neither MaxAttempts nor ExpireAfterMin; give one so the retry budget is explicit");
        }

        return errors == 0 ? new RetryPolicy(exceptionTypes, interval, backoff, maxAttempts, expireAfter) : null;
    }

    private static List<string> ReadExceptionTypes(JsonObject obj, StepType type, Action<string, string> fail)
    {
        var types = new List<string>();
        var node = obj["ExceptionType"];
        IEnumerable<(string Path, JsonNode? Value)> items = node switch
        {
            JsonArray array => array.Select((v, i) => (JsonPaths.Index("ExceptionType", i), v)),
            JsonValue value => [("ExceptionType", value)], // the published schema's single-string form
            _ => [],
        };

        if (node is not (JsonArray { Count: > 0 } or JsonValue))
        {
            fail("ExceptionType", "a retry policy needs an ExceptionType list, e.g. [\"Step.SERVICE_FAULT\", \"Step.THROTTLING\"]");
            return types;
        }

        var allowed = StepTypes.IsJob(type) ? StepExceptionTypes.Concat(JobExceptionTypes) : StepExceptionTypes;
        if (type == StepType.EMR)
        {
            allowed = allowed.Append("Emr.RESOURCE_LIMIT");
        }

        foreach (var (path, value) in items)
        {
            if (!JsonNodes.TryGetString(value, out var text))
            {
                fail(path, $"exception types are strings, not {ExpressionParser.Describe(value)}");
            }
            else if (!allowed.Contains(text, StringComparer.Ordinal))
            {
                var why = JobExceptionTypes.Contains(text, StringComparer.Ordinal)
                    ? $"{text} applies to job steps (Processing, Training, Transform, Tuning), not to {type} steps"
                    : $"'{text}' is not an exception type{Spelling.Hint(text, StepExceptionTypes.Concat(JobExceptionTypes))}; use one of {string.Join(", ", allowed)}";
                fail(path, why);
            }
            else
            {
                types.Add(text);
            }
        }

        return types;
    }

    private static int? ReadBoundedInteger(JsonObject obj, string member, int min, int max, Action<string, string> fail)
    {
        var node = obj[member];
        if (node is null)
        {
            return null;
        }

        if (!JsonNodes.TryGetInteger(node, out var value) || value < min || value > max)
        {
            fail(member, $"{member} must be a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, not {node.ToJsonString()}");
            return null;
        }

        return (int)value;
    }

    private static List<PropertyFileDefinition> ReadPropertyFiles(JsonObject obj, StepType type, DiagnosticScope scope)
    {
        var files = new List<PropertyFileDefinition>();
        if (!obj.TryGetPropertyValue("PropertyFiles", out var node) || node is null)
        {
            return files;
        }

        if (node is not JsonArray array)
        {
            scope.Error(DiagnosticCodes.PropertyFiles, "PropertyFiles", $"PropertyFiles must be a list, not {ExpressionParser.Describe(node)}");
            return files;
        }

        var outputs = ProcessingOutputNames(obj);
        for (var i = 0; i < array.Count; i++)
        {
            var path = JsonPaths.Index("PropertyFiles", i);
            if (array[i] is not JsonObject file
                || !JsonNodes.TryGetString(file["PropertyFileName"], out var name)
                || !JsonNodes.TryGetString(file["OutputName"], out var output)
                || !JsonNodes.TryGetString(file["FilePath"], out var filePath))
            {
                scope.Error(DiagnosticCodes.PropertyFiles, path, "a property file needs PropertyFileName, OutputName and FilePath strings");
                continue;
            }

            if (files.Exists(f => f.Name == name))
            {
                scope.Error(DiagnosticCodes.PropertyFiles, JsonPaths.Member(path, "PropertyFileName"), $"another property file is already named '{name}'");
                continue;
            }

            if (type == StepType.Processing && outputs is not null && !outputs.Contains(output, StringComparer.Ordinal))
            {
                scope.Error(DiagnosticCodes.PropertyFiles, JsonPaths.Member(path, "OutputName"),
                    $"'{output}' is not an OutputName of this step's ProcessingOutputConfig.Outputs{Spelling.Hint(output, outputs)}");
            }

            files.Add(new PropertyFileDefinition(name, output, filePath));
        }

        return files;
    }

    private static List<string>? ProcessingOutputNames(JsonObject obj)
    {
        if (obj["Arguments"]?["ProcessingOutputConfig"]?["Outputs"] is not JsonArray outputs)
        {
            return obj["Arguments"] is JsonObject ? [] : null;
        }

        var names = new List<string>(outputs.Count);
        foreach (var output in outputs)
        {
            if (output is JsonObject o && JsonNodes.TryGetString(o["OutputName"], out var name))
            {
                names.Add(name);
            }
        }

        return names;
    }

    private static List<OutputParameterDefinition> ReadOutputParameters(JsonObject obj, StepType type, DiagnosticScope scope)
    {
        var outputs = new List<OutputParameterDefinition>();
        if (type is not (StepType.Lambda or StepType.Callback) || !obj.TryGetPropertyValue("OutputParameters", out var node) || node is null)
        {
            return outputs;
        }

        if (node is not JsonArray array)
        {
            scope.Error(DiagnosticCodes.StepOutputs, "OutputParameters", $"OutputParameters must be a list, not {ExpressionParser.Describe(node)}");
            return outputs;
        }

        for (var i = 0; i < array.Count; i++)
        {
            var path = JsonPaths.Index("OutputParameters", i);
            if (array[i] is not JsonObject output || !JsonNodes.TryGetString(output["OutputName"], out var name) || name.Length == 0)
            {
                scope.Error(DiagnosticCodes.StepOutputs, path, "an output parameter needs an OutputName string");
                continue;
            }

            var outputType = ParameterType.String;
            if (output["OutputType"] is { } typeNode && (!JsonNodes.TryGetString(typeNode, out var typeName) || !TryParseType(typeName, out outputType)))
            {
                scope.Error(DiagnosticCodes.StepOutputs, JsonPaths.Member(path, "OutputType"),
                    $"{typeNode.ToJsonString()} is not an output type; use String, Integer, Float or Boolean");
                continue;
            }

            if (outputs.Exists(o => o.Name == name))
            {
                scope.Error(DiagnosticCodes.StepOutputs, JsonPaths.Member(path, "OutputName"), $"another output is already named '{name}'");
                continue;
            }

            outputs.Add(new OutputParameterDefinition(name, outputType));
        }

        return outputs;
    }
}
