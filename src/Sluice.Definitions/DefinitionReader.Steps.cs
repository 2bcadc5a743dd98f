using System.Text.Json;
using Sluice.Definitions.Expressions;
using Sluice.Definitions.Json;
using Sluice.Definitions.Parallelism;
using Sluice.Definitions.Validation;

namespace Sluice.Definitions;

/// <content>Reading steps, nested Condition branches included.</content>
public static partial class DefinitionReader
{
    private const int MaxJobNameLength = 63;

    private static readonly string[] CommonStepMembers =
        ["Name", "Type", "Arguments", "DependsOn", "DisplayName", "Description", "CacheConfig", "RetryPolicies"];

    private static readonly string[] ConditionArguments = ["Conditions", "IfSteps", "ElseSteps"];

    /// <summary><see cref="CommonStepMembers"/> in UTF-8, to compare with member names as the document holds them.</summary>
    private static readonly byte[][] CommonStepMembersUtf8 = Utf8(CommonStepMembers);

    private static readonly (string[] Names, byte[][] Utf8) NoExtraMembers = Extra([]);
    private static readonly (string[] Names, byte[][] Utf8) ProcessingMembers = Extra(["PropertyFiles"]);
    private static readonly (string[] Names, byte[][] Utf8) LambdaMembers = Extra(["FunctionArn", "OutputParameters"]);
    private static readonly (string[] Names, byte[][] Utf8) CallbackMembers = Extra(["SqsQueueUrl", "OutputParameters"]);
    private static readonly (string[] Names, byte[][] Utf8) CheckMembers = Extra(
        ["CheckType", "ModelName", "ModelPackageGroupName", "SkipCheck", "FailOnViolation", "RegisterNewBaseline",
         "SuppliedBaselineStatistics", "SuppliedBaselineConstraints", "PropertyFiles"]);

    private static void ReadSteps(
        JsonElement array,
        string path,
        StepDefinition? parent,
        ConditionBranch? branch,
        List<StepDefinition> into,
        List<StepDefinition> all,
        List<Diagnostic> diagnostics)
    {
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            ReadItem(item, JsonPaths.Index(path, i++), parent, branch, into, all, diagnostics);
        }
    }

    private static void ReadItem(
        JsonElement item,
        string stepPath,
        StepDefinition? parent,
        ConditionBranch? branch,
        List<StepDefinition> into,
        List<StepDefinition> all,
        List<Diagnostic> diagnostics)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            new DiagnosticScope(diagnostics, stepPath, null).Error(DiagnosticCodes.MalformedStep, string.Empty,
                $"a step must be an object with Name, Type and Arguments, not {((JsonElement?)item).Describe()}");
            return;
        }

        ReadStep(item, stepPath, parent, branch, into, all, diagnostics);
    }

    /// <summary>
    /// Reads the top-level Steps list. A large one is read on every core in chunks of consecutive steps, each into
    /// lists of its own that are joined in document order, so the steps and problems come out exactly as one pass
    /// would make them: a step's reading looks at nothing but the step (and the steps nested in it).
    /// </summary>
    private static void ReadTopLevelSteps(JsonElement array, List<StepDefinition> into, List<StepDefinition> all, List<Diagnostic> diagnostics)
    {
        var count = array.GetArrayLength();
        if (count < StepChunks.MinParallelCount)
        {
            ReadSteps(array, "Steps", null, null, into, all, diagnostics);
            return;
        }

        // Indexing a list of objects walks it from the start: take the items once, in order.
        var items = new JsonElement[count];
        var n = 0;
        foreach (var item in array.EnumerateArray())
        {
            items[n++] = item;
        }

        var chunks = new (List<StepDefinition> Into, List<StepDefinition> All, List<Diagnostic> Diagnostics)[StepChunks.CountFor(count)];
        StepChunks.Run(count, (first, end, chunk) =>
        {
            var part = (Into: new List<StepDefinition>(end - first), All: new List<StepDefinition>(end - first), Diagnostics: new List<Diagnostic>());
            for (var i = first; i < end; i++)
            {
                ReadItem(items[i], JsonPaths.Index("Steps", i), null, null, part.Into, part.All, part.Diagnostics);
            }

            chunks[chunk] = part;
        });

        foreach (var (partInto, partAll, partDiagnostics) in chunks)
        {
            into.AddRange(partInto);
            all.AddRange(partAll);
            diagnostics.AddRange(partDiagnostics);
        }
    }

    private static void ReadStep(
        JsonElement obj,
        string path,
        StepDefinition? parent,
        ConditionBranch? branch,
        List<StepDefinition> into,
        List<StepDefinition> all,
        List<Diagnostic> diagnostics)
    {
        obj.Member("Name").TryGetString(out var name);
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
        IReadOnlyList<PipelineCondition> conditions = type == StepType.Condition ? ReadConditions(obj, scope, sites) : [];

        // Only a Condition step has branches: other steps share the empty list.
        var ifSteps = type == StepType.Condition ? new List<StepDefinition>() : null;
        var elseSteps = type == StepType.Condition ? new List<StepDefinition>() : null;
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
            IfSteps = (IReadOnlyList<StepDefinition>?)ifSteps ?? [],
            ElseSteps = (IReadOnlyList<StepDefinition>?)elseSteps ?? [],
            Expressions = sites,
        };

        into.Add(step);
        all.Add(step);
        if (ifSteps is not null && elseSteps is not null && obj.Member("Arguments") is { ValueKind: JsonValueKind.Object } arguments)
        {
            ReadBranch(arguments, "IfSteps", step, ConditionBranch.If, ifSteps, all, scope, diagnostics);
            ReadBranch(arguments, "ElseSteps", step, ConditionBranch.Else, elseSteps, all, scope, diagnostics);
            if (ifSteps.Count == 0 && elseSteps.Count == 0)
            {
                scope.Warning(DiagnosticCodes.ConditionStep, "Arguments", "the Condition step has no IfSteps and no ElseSteps; it decides nothing");
            }
        }
    }

    private static StepType ReadStepType(JsonElement obj, DiagnosticScope scope, out string typeName)
    {
        if (!obj.Member("Type").TryGetString(out typeName))
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

    private static void CheckUnknownStepMembers(JsonElement obj, StepType type, DiagnosticScope scope)
    {
        var (extra, extraUtf8) = type switch
        {
            StepType.Processing => ProcessingMembers,
            StepType.Lambda => LambdaMembers,
            StepType.Callback => CallbackMembers,
            StepType.QualityCheck or StepType.ClarifyCheck => CheckMembers,
            _ => NoExtraMembers,
        };

        if (type == StepType.Unknown || (!StepTypes.RunsOnThisMachine(type) && extra.Length == 0))
        {
            return; // Types Sluice does not model may carry members it does not know.
        }

        // Names are compared as the document holds them (UTF-8, escapes read as NameEquals reads them): a known
        // member costs no string.
        foreach (var member in obj.EnumerateObject())
        {
            if (!NameIsOneOf(member, CommonStepMembersUtf8) && !NameIsOneOf(member, extraUtf8))
            {
                scope.Warning(DiagnosticCodes.UnknownMember, member.Name,
                    $"'{member.Name}' is not a member of a {type} step{Spelling.Hint(member.Name, CommonStepMembers.Concat(extra))}");
            }
        }
    }

    private static bool NameIsOneOf(JsonProperty member, byte[][] names)
    {
        foreach (var name in names)
        {
            if (member.NameEquals(name))
            {
                return true;
            }
        }

        return false;
    }

    private static byte[][] Utf8(string[] names) => [.. names.Select(System.Text.Encoding.UTF8.GetBytes)];

    private static (string[] Names, byte[][] Utf8) Extra(string[] names) => (names, Utf8(names));

    private static void CheckArguments(JsonElement obj, StepType type, DiagnosticScope scope)
    {
        var arguments = obj.Member("Arguments");
        if (arguments.IsNullOrMissing())
        {
            if (type is not (StepType.Lambda or StepType.Callback or StepType.Fail or StepType.Unknown))
            {
                scope.Error(DiagnosticCodes.StepArguments, "Arguments", $"a {type} step needs Arguments");
            }

            return;
        }

        if (arguments is not { ValueKind: JsonValueKind.Object } args)
        {
            scope.Error(DiagnosticCodes.StepArguments, "Arguments", $"Arguments must be an object, not {arguments.Describe()}");
            return;
        }

        if (StepTypes.JobNameMember(type) is { } jobNameMember && args.Member(jobNameMember).TryGetString(out var jobName)
            && jobName.Length > MaxJobNameLength)
        {
            scope.Warning(DiagnosticCodes.JobName, JsonPaths.Member("Arguments", jobNameMember),
                $"the job name has {jobName.Length} characters; SageMaker allows {MaxJobNameLength} (Sluice runs it anyway)");
        }
    }

    private static void ScanStepExpressions(JsonElement obj, StepType type, DiagnosticScope scope, List<ExpressionSite> sites)
    {
        foreach (var member in obj.EnumerateObject())
        {
            if (member.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
            {
                continue;
            }

            if (type == StepType.Condition && member.Value.ValueKind == JsonValueKind.Object && member.NameEquals("Arguments"u8))
            {
                foreach (var argument in member.Value.EnumerateObject())
                {
                    if (Array.IndexOf(ConditionArguments, argument.Name) < 0)
                    {
                        ExpressionParser.Scan(argument.Value, JsonPaths.Member("Arguments", argument.Name), scope, sites);
                    }
                }

                continue;
            }

            ExpressionParser.Scan(member, scope, sites);
        }
    }

    private static List<PipelineCondition> ReadConditions(JsonElement obj, DiagnosticScope scope, List<ExpressionSite> sites)
    {
        var conditions = new List<PipelineCondition>();
        if (obj.Member("Arguments") is not { ValueKind: JsonValueKind.Object } arguments)
        {
            return conditions;
        }

        if (arguments.Member("Conditions") is not { ValueKind: JsonValueKind.Array } list)
        {
            scope.Error(DiagnosticCodes.ConditionStep, "Arguments.Conditions",
                $"a Condition step needs a Conditions list, not {arguments.Member("Conditions").Describe()}");
            return conditions;
        }

        if (list.GetArrayLength() == 0)
        {
            scope.Warning(DiagnosticCodes.ConditionStep, "Arguments.Conditions", "Conditions is empty, so the IfSteps always run");
        }

        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            if (ExpressionParser.ParseCondition(item, JsonPaths.Index("Arguments.Conditions", i++), scope, sites) is { } condition)
            {
                conditions.Add(condition);
            }
        }

        return conditions;
    }

    private static void ReadBranch(
        JsonElement arguments,
        string member,
        StepDefinition parent,
        ConditionBranch branch,
        List<StepDefinition> into,
        List<StepDefinition> all,
        DiagnosticScope scope,
        List<Diagnostic> diagnostics)
    {
        var path = JsonPaths.Member("Arguments", member);
        if (!TryGetList(arguments, member, path, DiagnosticCodes.ConditionStep, "steps", scope, out var array))
        {
            return;
        }

        ReadSteps(array, JsonPaths.Combine(parent.Path, path), parent, branch, into, all, diagnostics);
    }

    private static List<string> ReadDependsOn(JsonElement obj, string name, DiagnosticScope scope)
    {
        var names = new List<string>();
        if (!TryGetList(obj, "DependsOn", "DependsOn", DiagnosticCodes.DependsOn, "step names", scope, out var array))
        {
            return names;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = JsonPaths.Index("DependsOn", i++);
            JsonElement? value = item;
            if (!value.TryGetString(out var dependency))
            {
                scope.Error(DiagnosticCodes.DependsOn, path, $"DependsOn must hold step names, not {value.Describe()}");
            }
            else if (dependency == name)
            {
                scope.Error(DiagnosticCodes.DependsOn, path, "a step cannot depend on itself");
            }
            else if (!seen.Add(dependency))
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

    private static string? ReadOptionalString(JsonElement obj, string member, DiagnosticScope scope)
    {
        var node = obj.Member(member);
        if (node.IsNullOrMissing())
        {
            return null;
        }

        if (node.TryGetString(out var text))
        {
            return text;
        }

        scope.Error(DiagnosticCodes.MalformedStep, member, $"{member} must be a string, not {node.Describe()}");
        return null;
    }

    private static string? ReadRequiredString(JsonElement obj, string member, string missing, DiagnosticScope scope)
    {
        var node = obj.Member(member);
        if (node.TryGetString(out var text) && text.Length > 0)
        {
            return text;
        }

        scope.Error(DiagnosticCodes.StepOutputs, member, node is null ? missing : $"{member} must be a non-empty string, not {node.Show()}");
        return null;
    }

    private static PipelineExpression? ReadFailMessage(JsonElement obj, DiagnosticScope scope)
    {
        var message = obj.Member("Arguments").Member("ErrorMessage");
        if (message.IsNullOrMissing())
        {
            return null;
        }

        if (!message.TryGetString(out _) && !ExpressionParser.IsExpression(message))
        {
            scope.Error(DiagnosticCodes.FailMessage, "Arguments.ErrorMessage",
                $"ErrorMessage must be a string or an expression (Get, Std:Join, Std:JsonGet), not {message.Describe()}");
            return null;
        }

        // Problems inside the expression were reported when the step's expressions were scanned.
        return ExpressionParser.Parse(message, "Arguments.ErrorMessage", new DiagnosticScope([], scope.OwnerPath, scope.OwnerName));
    }
}
