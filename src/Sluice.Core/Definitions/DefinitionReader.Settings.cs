using System.Globalization;
using System.Text.Json;
using Sluice.Definitions.Validation;

namespace Sluice.Definitions;

/// <content>Reading per-step settings: CacheConfig, RetryPolicies, PropertyFiles and OutputParameters.</content>
public static partial class DefinitionReader
{
    private const int MaxRetryAttempts = 20;
    private const int MaxRetryMinutes = 14_400;

    private static readonly string[] StepExceptionTypes = ["Step.SERVICE_FAULT", "Step.THROTTLING"];

    private static readonly string[] JobExceptionTypes =
        ["SageMaker.JOB_INTERNAL_ERROR", "SageMaker.CAPACITY_ERROR", "SageMaker.RESOURCE_LIMIT"];

    private static readonly string[] RetryMembers = ["ExceptionType", "IntervalSeconds", "BackoffRate", "MaxAttempts", "ExpireAfterMin"];

    private static CacheConfig? ReadCacheConfig(JsonElement obj, DiagnosticScope scope)
    {
        var node = obj.Member("CacheConfig");
        if (node.IsNullOrMissing())
        {
            return null;
        }

        if (node is not { ValueKind: JsonValueKind.Object } config)
        {
            scope.Error(DiagnosticCodes.CacheConfig, "CacheConfig", $"CacheConfig must be an object with Enabled and ExpireAfter, not {node.Describe()}");
            return null;
        }

        var enabledNode = config.Member("Enabled");
        if (!enabledNode.TryGetBoolean(out var enabled))
        {
            scope.Error(DiagnosticCodes.CacheConfig, "CacheConfig.Enabled",
                enabledNode is null ? "CacheConfig needs Enabled (true or false)" : $"Enabled must be true or false, not {enabledNode.Show()}");
            return null;
        }

        TimeSpan? expireAfter = null;
        var expireNode = config.Member("ExpireAfter");
        if (!expireNode.IsNullOrMissing())
        {
            if (!expireNode.TryGetString(out var text) || !Iso8601Duration.TryParse(text, out var duration))
            {
                scope.Error(DiagnosticCodes.CacheConfig, "CacheConfig.ExpireAfter",
                    $"{expireNode.Show()} is not an ISO 8601 duration such as \"PT1H\", \"P30D\" or \"P4DT12H\"");
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

    private static List<RetryPolicy> ReadRetryPolicies(JsonElement obj, StepType type, DiagnosticScope scope)
    {
        var policies = new List<RetryPolicy>();
        if (!TryGetList(obj, "RetryPolicies", "RetryPolicies", DiagnosticCodes.RetryPolicy, "retry policies", scope, out var array))
        {
            return policies;
        }

        if (type is StepType.Condition or StepType.Fail or StepType.Lambda or StepType.Callback)
        {
            scope.Warning(DiagnosticCodes.RetryPolicy, "RetryPolicies",
                $"SageMaker takes RetryPolicies on job, Model and RegisterModel steps only; on a {type} step they are ignored");
        }

        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (ReadRetryPolicy(item, JsonPaths.Index("RetryPolicies", i++), type, scope) is { } policy)
            {
                policies.Add(policy);
            }
        }

        return policies;
    }

    private static RetryPolicy? ReadRetryPolicy(JsonElement obj, string path, StepType type, DiagnosticScope scope)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            scope.Error(DiagnosticCodes.RetryPolicy, path, $"a retry policy must be an object, not {((JsonElement?)obj).Describe()}");
            return null;
        }

        var errors = 0;
        void Fail(string member, string message)
        {
            errors++;
            scope.Error(DiagnosticCodes.RetryPolicy, JsonPaths.Combine(path, member), message);
        }

        foreach (var member in obj.EnumerateObject())
        {
            if (Array.IndexOf(RetryMembers, member.Name) < 0)
            {
                scope.Warning(DiagnosticCodes.UnknownMember, JsonPaths.Member(path, member.Name),
                    $"'{member.Name}' is not a member of a retry policy{Spelling.Hint(member.Name, RetryMembers)}");
            }
        }

        var exceptionTypes = ReadExceptionTypes(obj, type, Fail);

        var interval = 1.0;
        var intervalNode = obj.Member("IntervalSeconds");
        if (!intervalNode.IsNullOrMissing() && (!intervalNode.TryGetNumber(out interval) || interval < 0))
        {
            Fail("IntervalSeconds", $"IntervalSeconds must be a number of seconds, 0 or more; not {intervalNode.Show()}");
        }

        var backoff = 2.0;
        var backoffNode = obj.Member("BackoffRate");
        if (!backoffNode.IsNullOrMissing() && (!backoffNode.TryGetNumber(out backoff) || backoff < 0))
        {
            Fail("BackoffRate", $"BackoffRate must be a number, 0 or more; not {backoffNode.Show()}");
        }

        var maxAttempts = ReadBoundedInteger(obj, "MaxAttempts", 1, MaxRetryAttempts, Fail);
        var expireAfter = ReadBoundedInteger(obj, "ExpireAfterMin", 0, MaxRetryMinutes, Fail);
        var hasMax = !obj.Member("MaxAttempts").IsNullOrMissing();
        var hasExpire = !obj.Member("ExpireAfterMin").IsNullOrMissing();
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

    private static List<string> ReadExceptionTypes(JsonElement obj, StepType type, Action<string, string> fail)
    {
        var types = new List<string>();
        var node = obj.Member("ExceptionType");
        IEnumerable<(string Path, JsonElement? Value)> items = node switch
        {
            { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Select((v, i) => (JsonPaths.Index("ExceptionType", i), (JsonElement?)v)),
            { ValueKind: JsonValueKind.String } value => [("ExceptionType", value)], // the published schema's single-string form
            _ => [],
        };

        if (node is not ({ ValueKind: JsonValueKind.Array } or { ValueKind: JsonValueKind.String }) || node is { ValueKind: JsonValueKind.Array } empty && empty.GetArrayLength() == 0)
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
            if (!value.TryGetString(out var text))
            {
                fail(path, $"exception types are strings, not {value.Describe()}");
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

    private static int? ReadBoundedInteger(JsonElement obj, string member, int min, int max, Action<string, string> fail)
    {
        var node = obj.Member(member);
        if (node.IsNullOrMissing())
        {
            return null;
        }

        if (!node.TryGetInteger(out var value) || value < min || value > max)
        {
            fail(member, $"{member} must be a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, not {node.Show()}");
            return null;
        }

        return (int)value;
    }

    private static List<PropertyFileDefinition> ReadPropertyFiles(JsonElement obj, StepType type, DiagnosticScope scope)
    {
        var files = new List<PropertyFileDefinition>();
        if (!TryGetList(obj, "PropertyFiles", "PropertyFiles", DiagnosticCodes.PropertyFiles, "property files", scope, out var array))
        {
            return files;
        }

        var outputs = ProcessingOutputNames(obj);
        var i = 0;
        foreach (var file in array.EnumerateArray())
        {
            var path = JsonPaths.Index("PropertyFiles", i++);
            if (!file.Member("PropertyFileName").TryGetString(out var name)
                || !file.Member("OutputName").TryGetString(out var output)
                || !file.Member("FilePath").TryGetString(out var filePath))
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
                // The SDK does not catch this, and SageMaker accepts it until a Std:JsonGet reads the file.
                scope.Warning(DiagnosticCodes.PropertyFiles, JsonPaths.Member(path, "OutputName"),
                    $"'{output}' is not an OutputName of this step's ProcessingOutputConfig.Outputs{Spelling.Hint(output, outputs)}, so the file can never be read");
            }

            files.Add(new PropertyFileDefinition(name, output, filePath));
        }

        return files;
    }

    private static List<string>? ProcessingOutputNames(JsonElement obj)
    {
        var arguments = obj.Member("Arguments");
        if (arguments.Member("ProcessingOutputConfig").Member("Outputs") is not { ValueKind: JsonValueKind.Array } outputs)
        {
            return arguments is { ValueKind: JsonValueKind.Object } ? [] : null;
        }

        var names = new List<string>(outputs.GetArrayLength());
        foreach (var output in outputs.EnumerateArray())
        {
            if (output.Member("OutputName").TryGetString(out var name))
            {
                names.Add(name);
            }
        }

        return names;
    }

    private static List<OutputParameterDefinition> ReadOutputParameters(JsonElement obj, StepType type, DiagnosticScope scope)
    {
        var outputs = new List<OutputParameterDefinition>();
        if (type is not (StepType.Lambda or StepType.Callback)
            || !TryGetList(obj, "OutputParameters", "OutputParameters", DiagnosticCodes.StepOutputs, "outputs", scope, out var array))
        {
            return outputs;
        }

        var i = 0;
        foreach (var output in array.EnumerateArray())
        {
            var path = JsonPaths.Index("OutputParameters", i++);
            if (!output.Member("OutputName").TryGetString(out var name) || name.Length == 0)
            {
                scope.Error(DiagnosticCodes.StepOutputs, path, "an output parameter needs an OutputName string");
                continue;
            }

            var outputType = ParameterType.String;
            var typeNode = output.Member("OutputType");
            if (!typeNode.IsNullOrMissing() && (!typeNode.TryGetString(out var typeName) || !TryParseType(typeName, out outputType)))
            {
                scope.Error(DiagnosticCodes.StepOutputs, JsonPaths.Member(path, "OutputType"),
                    $"{typeNode.Show()} is not an output type; use String, Integer, Float or Boolean");
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
