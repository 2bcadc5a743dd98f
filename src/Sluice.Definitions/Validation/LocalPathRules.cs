using System.Text.Json;
using Sluice.Definitions;
using Sluice.Definitions.Expressions;
using Sluice.Definitions.Json;

namespace Sluice.Definitions.Validation;

/// <summary>
/// Checks the LocalPath members of job steps: each must lie plainly under its SageMaker root (a job's <c>/opt/ml</c>
/// is a folder on this machine, so anything else could name a host path), and a Processing job's inputs and outputs
/// must not share a folder. LocalPaths that are expressions are checked when the step runs, by
/// <see cref="SandboxPaths.Resolve"/>.
/// </summary>
internal static class LocalPathRules
{
    /// <summary>Where a Processing input's LocalPath can be: the member holding it, and its path below the input.</summary>
    private static readonly (string Source, string Below)[] InputSources =
        [("S3Input", "S3Input.LocalPath"), ("DatasetDefinition", "DatasetDefinition.LocalPath")];

    /// <summary>A Training job's own output folders, with the paths of their LocalPaths.</summary>
    private static readonly (string Member, string Path)[] TrainingOutputs =
        [("DebugHookConfig", "Arguments.DebugHookConfig.LocalPath"), ("TensorBoardOutputConfig", "Arguments.TensorBoardOutputConfig.LocalPath")];

    /// <summary>A Training job's debugger and profiler rule lists, with their paths.</summary>
    private static readonly (string Member, string Path)[] TrainingRules =
        [("DebugRuleConfigurations", "Arguments.DebugRuleConfigurations"), ("ProfilerRuleConfigurations", "Arguments.ProfilerRuleConfigurations")];

    /// <summary>ProcessingS3Input and ProcessingS3Output allow 256 characters.</summary>
    private const int MaxProcessingLength = 256;

    /// <summary>Beyond this many segments a path is not compared with the others (no real one comes close).</summary>
    private const int MaxComparedSegments = 64;

    public static void Check(StepDefinition step, DiagnosticScope scope)
    {
        if (step.Arguments is not { ValueKind: JsonValueKind.Object } arguments)
        {
            return;
        }

        switch (step.Type)
        {
            case StepType.Processing or StepType.QualityCheck or StepType.ClarifyCheck:
                CheckProcessing(arguments, scope);
                break;
            case StepType.Training:
                CheckTraining(arguments, scope);
                break;
            case StepType.Tuning:
                if (arguments.Member("TrainingJobDefinition") is { ValueKind: JsonValueKind.Object } definition)
                {
                    CheckCheckpoint(definition, "Arguments.TrainingJobDefinition", scope);
                }

                if (arguments.Member("TrainingJobDefinitions") is { ValueKind: JsonValueKind.Array } definitions)
                {
                    var i = 0;
                    foreach (var item in definitions.EnumerateArray())
                    {
                        CheckCheckpoint(item, JsonPaths.Index("Arguments.TrainingJobDefinitions", i++), scope);
                    }
                }

                break;
        }
    }

    private static void CheckTraining(JsonElement arguments, DiagnosticScope scope)
    {
        CheckCheckpoint(arguments, "Arguments", scope);
        foreach (var (member, path) in TrainingOutputs)
        {
            CheckOne(arguments.Member(member).Member("LocalPath"), new MemberPath(path), SandboxPaths.MlRoot, int.MaxValue, scope);
        }

        // Debugger and profiler rules run as processing jobs beside the training job.
        foreach (var (member, path) in TrainingRules)
        {
            if (arguments.Member(member) is { ValueKind: JsonValueKind.Array } rules)
            {
                var i = 0;
                foreach (var rule in rules.EnumerateArray())
                {
                    CheckOne(rule.Member("LocalPath"), new MemberPath(path, i++, "LocalPath"), SandboxPaths.ProcessingRoot, int.MaxValue, scope);
                }
            }
        }
    }

    private static void CheckCheckpoint(JsonElement definition, string path, DiagnosticScope scope) =>
        CheckOne(definition.Member("CheckpointConfig").Member("LocalPath"), new MemberPath(path, -1, "CheckpointConfig.LocalPath"), SandboxPaths.MlRoot, int.MaxValue, scope);

    private static void CheckProcessing(JsonElement arguments, DiagnosticScope scope)
    {
        var seen = new Folders();
        if (arguments.Member("ProcessingInputs") is { ValueKind: JsonValueKind.Array } inputs)
        {
            var i = 0;
            foreach (var input in inputs.EnumerateArray())
            {
                foreach (var (source, below) in InputSources)
                {
                    var path = new MemberPath("Arguments.ProcessingInputs", i, below);
                    if (CheckOne(input.Member(source).Member("LocalPath"), path, SandboxPaths.ProcessingRoot, MaxProcessingLength, scope) is { } normal)
                    {
                        CheckOverlap(new Folder(normal, path, IsOutput: false), seen, scope);
                    }
                }

                i++;
            }
        }

        if (arguments.Member("ProcessingOutputConfig").Member("Outputs") is { ValueKind: JsonValueKind.Array } outputs)
        {
            var i = 0;
            foreach (var output in outputs.EnumerateArray())
            {
                var path = new MemberPath("Arguments.ProcessingOutputConfig.Outputs", i++, "S3Output.LocalPath");
                if (CheckOne(output.Member("S3Output").Member("LocalPath"), path, SandboxPaths.ProcessingRoot, MaxProcessingLength, scope) is { } normal)
                {
                    CheckOverlap(new Folder(normal, path, IsOutput: true), seen, scope);
                }
            }
        }
    }

    /// <summary>Checks one LocalPath that is a literal; returns its normal form when it is well placed.</summary>
    private static string? CheckOne(JsonElement? node, MemberPath path, string root, int maxLength, DiagnosticScope scope)
    {
        if (node.IsNullOrMissing() || ExpressionParser.IsExpression(node))
        {
            return null; // absent, or known only when the step runs
        }

        if (!node.TryGetString(out var text))
        {
            scope.Error(DiagnosticCodes.LocalPath, path.ToString(), $"LocalPath must be a string or an expression, not {node.Describe()}");
            return null;
        }

        if (SandboxPaths.Normalize(text, root, allowRoot: false, out var problem) is not { } normal)
        {
            scope.Error(DiagnosticCodes.LocalPath, path.ToString(), $"LocalPath '{Shorten(text)}' {problem}; it must be a folder plainly under {root}/");
            return null;
        }

        if (text.Length > maxLength)
        {
            scope.Error(DiagnosticCodes.LocalPath, path.ToString(), $"LocalPath has {text.Length:N0} characters; SageMaker allows {maxLength}");
            return null;
        }

        return normal;
    }

    /// <summary>
    /// Compares a Processing LocalPath with those before it. SageMaker rejects two inputs in one folder and an output
    /// in an input's folder; an output folder named twice, or an output inside or around another folder, is allowed
    /// but mixes files.
    /// </summary>
    private static void CheckOverlap(Folder folder, Folders seen, DiagnosticScope scope)
    {
        if (seen.Exact.TryGetValue(folder.Path, out var same))
        {
            if (folder.IsOutput && same.IsOutput)
            {
                scope.Warning(DiagnosticCodes.LocalPathOverlap, folder.MemberPath.ToString(),
                    $"LocalPath '{folder.Path}' is also {same.MemberPath}; the same files are uploaded to both outputs");
            }
            else
            {
                scope.Error(DiagnosticCodes.LocalPathOverlap, folder.MemberPath.ToString(),
                    $"LocalPath '{folder.Path}' is also {same.MemberPath}; SageMaker rejects {(folder.IsOutput || same.IsOutput ? "an output in an input's folder" : "two inputs in one folder")}, whose files would overwrite each other");
            }

            return;
        }

        // The ancestors are the path's prefixes before each '/', longest first, down to the one of two segments
        // ("/opt"): looked up as spans, so only an ancestor not seen before in this step becomes a string.
        var path = folder.Path;
        var segmentCount = path.AsSpan().Count('/') + 1;
        if (segmentCount > MaxComparedSegments)
        {
            return;
        }

        var exact = seen.Exact.GetAlternateLookup<ReadOnlySpan<char>>();
        var ancestors = seen.Ancestors.GetAlternateLookup<ReadOnlySpan<char>>();

        // An input inside another input is how the SDK places code (/opt/ml/processing/input/code beside data in
        // /opt/ml/processing/input): both are downloaded and nothing is lost. Nesting with an output is what mixes files.
        var warned = false;
        if (seen.Ancestors.TryGetValue(folder.Path, out var inner) && (folder.IsOutput || inner.IsOutput))
        {
            scope.Warning(DiagnosticCodes.LocalPathOverlap, folder.MemberPath.ToString(),
                $"LocalPath '{folder.Path}' holds '{inner.Path}' of {inner.MemberPath}; {Mixing(folder, inner)}");
            warned = true;
        }

        var end = path.Length;
        for (var n = segmentCount - 1; n > 1; n--)
        {
            end = path.AsSpan(0, end).LastIndexOf('/');
            var ancestor = path.AsSpan(0, end);
            if (!warned && exact.TryGetValue(ancestor, out var outer) && (folder.IsOutput || outer.IsOutput))
            {
                scope.Warning(DiagnosticCodes.LocalPathOverlap, folder.MemberPath.ToString(),
                    $"LocalPath '{folder.Path}' is inside '{outer.Path}' of {outer.MemberPath}; {Mixing(outer, folder)}");
                warned = true;
            }

            if (!ancestors.TryGetValue(ancestor, out var below) || (folder.IsOutput && !below.IsOutput))
            {
                ancestors[ancestor] = folder;
            }
        }

        seen.Exact.Add(folder.Path, folder);
    }

    private static string Mixing(Folder outer, Folder inner) => outer.IsOutput
        ? $"the output uploads the {(inner.IsOutput ? "other output's" : "input's")} files too"
        : "the output's files land among the input's";

    private static string Shorten(string text)
    {
        var shown = string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString()));
        return shown.Length > 300 ? shown[..300] + "..." : shown;
    }

    /// <summary>A Processing input's or output's folder, in normal form, and where it is written.</summary>
    private sealed record Folder(string Path, MemberPath MemberPath, bool IsOutput);

    /// <summary>
    /// Where a LocalPath is written, relative to its step: <paramref name="Parent"/>, its item <paramref name="Index"/>
    /// (none when negative), then <paramref name="Below"/>. Made into text only for a message, so a clean LocalPath
    /// costs no path string.
    /// </summary>
    private readonly record struct MemberPath(string Parent, int Index = -1, string Below = "")
    {
        public override string ToString()
        {
            var at = Index < 0 ? Parent : JsonPaths.Index(Parent, Index);
            return JsonPaths.Combine(at, Below);
        }
    }

    /// <summary>The folders seen so far, and every ancestor of each (with one folder below it), to find nesting in one look-up.</summary>
    private sealed class Folders
    {
        public Dictionary<string, Folder> Exact { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Folder> Ancestors { get; } = new(StringComparer.Ordinal);
    }
}
