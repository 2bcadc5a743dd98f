using System.Text.Json;
using Sluice.Definitions;
using Sluice.Definitions.Expressions;
using Sluice.Core.Jobs;

namespace Sluice.Definitions.Validation;

/// <summary>
/// Checks the LocalPath members of job steps: each must lie plainly under its SageMaker root (a job's <c>/opt/ml</c>
/// is a folder on this machine, so anything else could name a host path), and a Processing job's inputs and outputs
/// must not share a folder. LocalPaths that are expressions are checked when the step runs, by
/// <see cref="SandboxPaths.Resolve"/>.
/// </summary>
internal static class LocalPathRules
{
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

                var i = 0;
                foreach (var item in Items(arguments.Member("TrainingJobDefinitions")))
                {
                    CheckCheckpoint(item, JsonPaths.Index("Arguments.TrainingJobDefinitions", i++), scope);
                }

                break;
        }
    }

    private static void CheckTraining(JsonElement arguments, DiagnosticScope scope)
    {
        CheckCheckpoint(arguments, "Arguments", scope);
        foreach (var member in new[] { "DebugHookConfig", "TensorBoardOutputConfig" })
        {
            CheckOne(arguments.Member(member).Member("LocalPath"), $"Arguments.{member}.LocalPath", SandboxPaths.MlRoot, int.MaxValue, scope);
        }

        // Debugger and profiler rules run as processing jobs beside the training job.
        foreach (var member in new[] { "DebugRuleConfigurations", "ProfilerRuleConfigurations" })
        {
            var i = 0;
            foreach (var rule in Items(arguments.Member(member)))
            {
                CheckOne(rule.Member("LocalPath"), JsonPaths.Member(JsonPaths.Index($"Arguments.{member}", i++), "LocalPath"), SandboxPaths.ProcessingRoot, int.MaxValue, scope);
            }
        }
    }

    private static void CheckCheckpoint(JsonElement definition, string path, DiagnosticScope scope) =>
        CheckOne(definition.Member("CheckpointConfig").Member("LocalPath"), JsonPaths.Combine(path, "CheckpointConfig.LocalPath"), SandboxPaths.MlRoot, int.MaxValue, scope);

    private static void CheckProcessing(JsonElement arguments, DiagnosticScope scope)
    {
        var seen = new Folders();
        var i = 0;
        foreach (var input in Items(arguments.Member("ProcessingInputs")))
        {
            var at = JsonPaths.Index("Arguments.ProcessingInputs", i++);
            foreach (var source in new[] { "S3Input", "DatasetDefinition" })
            {
                var path = JsonPaths.Combine(at, $"{source}.LocalPath");
                if (CheckOne(input.Member(source).Member("LocalPath"), path, SandboxPaths.ProcessingRoot, MaxProcessingLength, scope) is { } normal)
                {
                    CheckOverlap(new Folder(normal, path, IsOutput: false), seen, scope);
                }
            }
        }

        i = 0;
        foreach (var output in Items(arguments.Member("ProcessingOutputConfig").Member("Outputs")))
        {
            var path = JsonPaths.Combine(JsonPaths.Index("Arguments.ProcessingOutputConfig.Outputs", i++), "S3Output.LocalPath");
            if (CheckOne(output.Member("S3Output").Member("LocalPath"), path, SandboxPaths.ProcessingRoot, MaxProcessingLength, scope) is { } normal)
            {
                CheckOverlap(new Folder(normal, path, IsOutput: true), seen, scope);
            }
        }
    }

    /// <summary>Checks one LocalPath that is a literal; returns its normal form when it is well placed.</summary>
    private static string? CheckOne(JsonElement? node, string path, string root, int maxLength, DiagnosticScope scope)
    {
        if (node.IsNullOrMissing() || ExpressionParser.IsExpression(node))
        {
            return null; // absent, or known only when the step runs
        }

        if (!node.TryGetString(out var text))
        {
            scope.Error(DiagnosticCodes.LocalPath, path, $"LocalPath must be a string or an expression, not {node.Describe()}");
            return null;
        }

        if (SandboxPaths.Normalize(text, root, allowRoot: false, out var problem) is not { } normal)
        {
            scope.Error(DiagnosticCodes.LocalPath, path, $"LocalPath '{Shorten(text)}' {problem}; it must be a folder plainly under {root}/");
            return null;
        }

        if (text.Length > maxLength)
        {
            scope.Error(DiagnosticCodes.LocalPath, path, $"LocalPath has {text.Length:N0} characters; SageMaker allows {maxLength}");
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
                scope.Warning(DiagnosticCodes.LocalPathOverlap, folder.MemberPath,
                    $"LocalPath '{folder.Path}' is also {same.MemberPath}; the same files are uploaded to both outputs");
            }
            else
            {
                scope.Error(DiagnosticCodes.LocalPathOverlap, folder.MemberPath,
                    $"LocalPath '{folder.Path}' is also {same.MemberPath}; SageMaker rejects {(folder.IsOutput || same.IsOutput ? "an output in an input's folder" : "two inputs in one folder")}, whose files would overwrite each other");
            }

            return;
        }

        var segments = folder.Path.Split('/');
        if (segments.Length > MaxComparedSegments)
        {
            return;
        }

        // An input inside another input is how the SDK places code (/opt/ml/processing/input/code beside data in
        // /opt/ml/processing/input): both are downloaded and nothing is lost. Nesting with an output is what mixes files.
        var warned = false;
        if (seen.Ancestors.TryGetValue(folder.Path, out var inner) && (folder.IsOutput || inner.IsOutput))
        {
            scope.Warning(DiagnosticCodes.LocalPathOverlap, folder.MemberPath,
                $"LocalPath '{folder.Path}' holds '{inner.Path}' of {inner.MemberPath}; {Mixing(folder, inner)}");
            warned = true;
        }

        for (var n = segments.Length - 1; n > 1; n--)
        {
            var ancestor = string.Join('/', segments, 0, n);
            if (!warned && seen.Exact.TryGetValue(ancestor, out var outer) && (folder.IsOutput || outer.IsOutput))
            {
                scope.Warning(DiagnosticCodes.LocalPathOverlap, folder.MemberPath,
                    $"LocalPath '{folder.Path}' is inside '{outer.Path}' of {outer.MemberPath}; {Mixing(outer, folder)}");
                warned = true;
            }

            if (!seen.Ancestors.TryGetValue(ancestor, out var below) || (folder.IsOutput && !below.IsOutput))
            {
                seen.Ancestors[ancestor] = folder;
            }
        }

        seen.Exact.Add(folder.Path, folder);
    }

    private static string Mixing(Folder outer, Folder inner) => outer.IsOutput
        ? $"the output uploads the {(inner.IsOutput ? "other output's" : "input's")} files too"
        : "the output's files land among the input's";

    private static List<JsonElement> Items(JsonElement? list) =>
        list is { ValueKind: JsonValueKind.Array } array ? [.. array.EnumerateArray()] : [];

    private static string Shorten(string text)
    {
        var shown = string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString()));
        return shown.Length > 300 ? shown[..300] + "..." : shown;
    }

    /// <summary>A Processing input's or output's folder, in normal form, and where it is written.</summary>
    private sealed record Folder(string Path, string MemberPath, bool IsOutput);

    /// <summary>The folders seen so far, and every ancestor of each (with one folder below it), to find nesting in one look-up.</summary>
    private sealed class Folders
    {
        public Dictionary<string, Folder> Exact { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Folder> Ancestors { get; } = new(StringComparer.Ordinal);
    }
}
