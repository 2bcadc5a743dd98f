using System.Text.Json.Nodes;
using Sluice.Core.Expressions;
using Sluice.Core.Validation;

namespace Sluice.Core.Definitions;

/// <content>Reading steps, nested Condition branches included.</content>
public static partial class DefinitionReader
{
    private const int MaxJobNameLength = 63;

    private static readonly string[] CommonStepMembers =
        ["Name", "Type", "Arguments", "DependsOn", "DisplayName", "Description", "CacheConfig", "RetryPolicies"];

    private static readonly string[] ConditionArguments = ["Conditions", "IfSteps", "ElseSteps"];

    private static void ReadSteps(
        JsonArray array,
        string path,
        StepDefinition? parent,
        ConditionBranch? branch,
        List<StepDefinition> into,
        List<StepDefinition> all,
        List<Diagnostic> diagnostics)
    {
        for (var i = 0; i < array.Count; i++)
        {
            var stepPath = JsonPaths.Index(path, i);
            if (array[i] is not JsonObject obj)
            {
                new DiagnosticScope(diagnostics, stepPath, null).Error(DiagnosticCodes.MalformedStep, string.Empty,
                    $"a step must be an object with Name, Type and Arguments, not {ExpressionParser.Describe(array[i])}");
                continue;
            }

            ReadStep(obj, stepPath, parent, branch, into, all, diagnostics);
        }
    }

    private static void ReadStep(
        JsonObject obj,
        string path,
        StepDefinition? parent,
        ConditionBranch? branch,
        List<StepDefinition> into,
        List<StepDefinition> all,
        List<Diagnostic> diagnostics)
    {
        JsonNodes.TryGetString(obj["Name"], out var name);
        var scope = new DiagnosticScope(diagnostics, path, name.Length > 0 ? name : null);
        if (name.Length == 0)
        {
            scope.Error(DiagnosticCodes.StepName, "Name", "a step needs a Name");
        }
        else if (!NamePattern().IsMatch(name))
        {
            scope.Error(DiagnosticCodes.StepName, "Name", "a step name must be 1 to 64 letters, digits, '-' or '_'");
        }

        var type = ReadStepType(obj, scope, out var typeName);
        CheckUnknownStepMembers(obj, type, scope);
        CheckArguments(obj, type, scope);

        var sites = new List<ExpressionSite>();
        ScanStepExpressions(obj, type, scope, sites);
        var conditions = type == StepType.Condition ? ReadConditions(obj, scope, sites) : [];

        var ifSteps = new List<StepDefinition>();
        var elseSteps = new List<StepDefinition>();
        var step = new StepDefinition
        {
            Path = path,
            Name = name,
            TypeName = typeName,
            Type = type,
            Source = obj,
            Parent = parent,
            Branch = branch,
            DependsOn = ReadDependsOn(obj, name, scope),
            DisplayName = ReadOptionalString(obj, "DisplayName", scope),
            Description = ReadOptionalString(obj, "Description", scope),
            CacheConfig = ReadCacheConfig(obj, scope),
            RetryPolicies = ReadRetryPolicies(obj, type, scope),
            PropertyFiles = ReadPropertyFiles(obj, type, scope),
            OutputParameters = ReadOutputParameters(obj, type, scope),
            FunctionArn = type == StepType.Lambda ? ReadRequiredString(obj, "FunctionArn", "a Lambda step needs the FunctionArn it calls", scope) : null,
            SqsQueueUrl = type == StepType.Callback ? ReadRequiredString(obj, "SqsQueueUrl", "a Callback step needs the SqsQueueUrl it posts to", scope) : null,
            ErrorMessage = type == StepType.Fail ? ReadFailMessage(obj, scope) : null,
            Conditions = conditions,
            IfSteps = ifSteps,
            ElseSteps = elseSteps,
            Expressions = sites,
        };

        into.Add(step);
        all.Add(step);
        if (type == StepType.Condition && obj["Arguments"] is JsonObject arguments)
        {
            ReadBranch(arguments, "IfSteps", step, ConditionBranch.If, ifSteps, all, scope, diagnostics);
            ReadBranch(arguments, "ElseSteps", step, ConditionBranch.Else, elseSteps, all, scope, diagnostics);
            if (ifSteps.Count == 0 && elseSteps.Count == 0)
            {
                scope.Warning(DiagnosticCodes.ConditionStep, "Arguments", "the Condition step has no IfSteps and no ElseSteps; it decides nothing");
            }
        }
    }

    private static StepType ReadStepType(JsonObject obj, DiagnosticScope scope, out string typeName)
    {
        if (!JsonNodes.TryGetString(obj["Type"], out typeName))
        {
            scope.Error(DiagnosticCodes.StepType, "Type", $"a step needs a Type, one of {string.Join(", ", StepTypes.Names)}");
            return StepType.Unknown;
        }

        var type = StepTypes.Parse(typeName);
        if (type == StepType.Unknown)
        {
            scope.Error(DiagnosticCodes.StepType, "Type",
                $"'{typeName}' is not a SageMaker step type{Spelling.Hint(typeName, StepTypes.Names)}; use one of {string.Join(", ", StepTypes.Names)}");
        }
        else if (!StepTypes.RunsOnThisMachine(type))
        {
            scope.Warning(DiagnosticCodes.NotRunnableHere, "Type",
                $"{typeName} steps run on SageMaker but not on this machine; `sluice run` will fail this step");
        }

        return type;
    }

    private static void CheckUnknownStepMembers(JsonObject obj, StepType type, DiagnosticScope scope)
    {
        string[] extra = type switch
        {
            StepType.Processing => ["PropertyFiles"],
            StepType.Lambda => ["FunctionArn", "OutputParameters"],
            StepType.Callback => ["SqsQueueUrl", "OutputParameters"],
            StepType.QualityCheck or StepType.ClarifyCheck =>
                ["CheckType", "ModelPackageGroupName", "SkipCheck", "FailOnViolation", "RegisterNewBaseline",
                 "SuppliedBaselineStatistics", "SuppliedBaselineConstraints", "SuppliedBaselineConstraints", "PropertyFiles"],
            _ => [],
        };

        if (type == StepType.Unknown || !StepTypes.RunsOnThisMachine(type) && extra.Length == 0)
        {
            return; // Types Sluice does not model may carry members it does not know.
        }

        foreach (var (member, _) in obj)
        {
            if (Array.IndexOf(CommonStepMembers, member) < 0 && Array.IndexOf(extra, member) < 0)
            {
                scope.Warning(DiagnosticCodes.UnknownMember, member,
                    $"'{member}' is not a member of a {type} step{Spelling.Hint(member, CommonStepMembers.Concat(extra))}");
            }
        }
    }

    private static void CheckArguments(JsonObject obj, StepType type, DiagnosticScope scope)
    {
        if (!obj.TryGetPropertyValue("Arguments", out var arguments) || arguments is null)
        {
            var optional = type is StepType.Lambda or StepType.Callback or StepType.Fail or StepType.Unknown;
            if (!optional)
            {
                scope.Error(DiagnosticCodes.StepArguments, "Arguments", $"a {type} step needs Arguments");
            }

            return;
        }

        if (arguments is not JsonObject args)
        {
            scope.Error(DiagnosticCodes.StepArguments, "Arguments", $"Arguments must be an object, not {ExpressionParser.Describe(arguments)}");
            return;
        }

        if (StepTypes.JobNameMember(type) is { } jobNameMember && JsonNodes.TryGetString(args[jobNameMember], out var jobName)
            && jobName.Length > MaxJobNameLength)
        {
            scope.Warning(DiagnosticCodes.JobName, JsonPaths.Member("Arguments", jobNameMember),
                $"the job name has {jobName.Length} characters; SageMaker allows {MaxJobNameLength} (Sluice runs it anyway)");
        }
    }

    private static void ScanStepExpressions(JsonObject obj, StepType type, DiagnosticScope scope, List<ExpressionSite> sites)
    {
        foreach (var (member, value) in obj)
        {
            if (value is not (JsonObject or JsonArray))
            {
                continue;
            }

            if (member == "Arguments" && type == StepType.Condition && value is JsonObject arguments)
            {
                foreach (var (argument, argumentValue) in arguments)
                {
                    if (Array.IndexOf(ConditionArguments, argument) < 0)
                    {
                        ExpressionParser.Scan(argumentValue, JsonPaths.Member("Arguments", argument), scope, sites);
                    }
                }

                continue;
            }

            ExpressionParser.Scan(value, member, scope, sites);
        }
    }

    private static List<PipelineCondition> ReadConditions(JsonObject obj, DiagnosticScope scope, List<ExpressionSite> sites)
    {
        var conditions = new List<PipelineCondition>();
        if (obj["Arguments"] is not JsonObject arguments)
        {
            return conditions;
        }

        if (arguments["Conditions"] is not JsonArray list)
        {
            scope.Error(DiagnosticCodes.ConditionStep, "Arguments.Conditions",
                $"a Condition step needs a Conditions list, not {ExpressionParser.Describe(arguments["Conditions"])}");
            return conditions;
        }

        if (list.Count == 0)
        {
            scope.Warning(DiagnosticCodes.ConditionStep, "Arguments.Conditions", "Conditions is empty, so the IfSteps always run");
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (ExpressionParser.ParseCondition(list[i], JsonPaths.Index("Arguments.Conditions", i), scope, sites) is { } condition)
            {
                conditions.Add(condition);
            }
        }

        return conditions;
    }

    private static void ReadBranch(
        JsonObject arguments,
        string member,
        StepDefinition parent,
        ConditionBranch branch,
        List<StepDefinition> into,
        List<StepDefinition> all,
        DiagnosticScope scope,
        List<Diagnostic> diagnostics)
    {
        var node = arguments[member];
        if (node is null)
        {
            return;
        }

        var path = JsonPaths.Member("Arguments", member);
        if (node is not JsonArray array)
        {
            scope.Error(DiagnosticCodes.ConditionStep, path, $"{member} must be a list of steps, not {ExpressionParser.Describe(node)}");
            return;
        }

        ReadSteps(array, JsonPaths.Combine(parent.Path, path), parent, branch, into, all, diagnostics);
    }

    private static List<string> ReadDependsOn(JsonObject obj, string name, DiagnosticScope scope)
    {
        var names = new List<string>();
        if (!obj.TryGetPropertyValue("DependsOn", out var node) || node is null)
        {
            return names;
        }

        if (node is not JsonArray array)
        {
            scope.Error(DiagnosticCodes.DependsOn, "DependsOn", $"DependsOn must be a list of step names, not {ExpressionParser.Describe(node)}");
            return names;
        }

        for (var i = 0; i < array.Count; i++)
        {
            var path = JsonPaths.Index("DependsOn", i);
            if (!JsonNodes.TryGetString(array[i], out var dependency))
            {
                scope.Error(DiagnosticCodes.DependsOn, path, $"DependsOn must hold step names, not {ExpressionParser.Describe(array[i])}");
            }
            else if (dependency == name)
            {
                scope.Error(DiagnosticCodes.DependsOn, path, "a step cannot depend on itself");
            }
            else if (names.Contains(dependency, StringComparer.Ordinal))
            {
                scope.Warning(DiagnosticCodes.DependsOn, path, $"'{dependency}' is listed twice in DependsOn");
            }
            else
            {
                names.Add(dependency);
            }
        }

        return names;
    }

    private static string? ReadOptionalString(JsonObject obj, string member, DiagnosticScope scope)
    {
        if (!obj.TryGetPropertyValue(member, out var node) || node is null)
        {
            return null;
        }

        if (JsonNodes.TryGetString(node, out var text))
        {
            return text;
        }

        scope.Error(DiagnosticCodes.MalformedStep, member, $"{member} must be a string, not {ExpressionParser.Describe(node)}");
        return null;
    }

    private static string? ReadRequiredString(JsonObject obj, string member, string missing, DiagnosticScope scope)
    {
        if (JsonNodes.TryGetString(obj[member], out var text) && text.Length > 0)
        {
            return text;
        }

        scope.Error(DiagnosticCodes.StepOutputs, member, obj.ContainsKey(member)
            ? $"{member} must be a non-empty string, not {ExpressionParser.Describe(obj[member])}"
            : missing);
        return null;
    }

    private static PipelineExpression? ReadFailMessage(JsonObject obj, DiagnosticScope scope)
    {
        if (obj["Arguments"] is not JsonObject arguments || !arguments.TryGetPropertyValue("ErrorMessage", out var message) || message is null)
        {
            return null;
        }

        if (!JsonNodes.TryGetString(message, out _) && !ExpressionParser.IsExpression(message))
        {
            scope.Error(DiagnosticCodes.FailMessage, "Arguments.ErrorMessage",
                $"ErrorMessage must be a string or an expression (Get, Std:Join, Std:JsonGet), not {ExpressionParser.Describe(message)}");
            return null;
        }

        return ExpressionParser.Parse(message, "Arguments.ErrorMessage", new DiagnosticScope([], scope.OwnerPath, scope.OwnerName));
    }
}
