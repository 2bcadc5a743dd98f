using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Sluice.Core.Expressions;
using Sluice.Core.Validation;

namespace Sluice.Core.Definitions;

/// <summary>
/// Reads pipeline definition JSON leniently: every shape the SageMaker Python SDK emits is accepted, members Sluice
/// does not model are kept, and every problem found on the way becomes a <see cref="Diagnostic"/> naming its place
/// instead of an exception. Checks across elements (references, the graph) are <see cref="DefinitionValidator"/>'s.
/// </summary>
public static partial class DefinitionReader
{
    private static readonly string[] TopLevelMembers = ["Version", "Metadata", "Parameters", "PipelineExperimentConfig", "Steps"];

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowDuplicateProperties = false,
        MaxDepth = 512,
    };

    /// <summary>Reads a definition from its text.</summary>
    /// <param name="text">The definition JSON.</param>
    /// <returns>The definition, when the text is a JSON object, and the problems found.</returns>
    public static DefinitionReadResult Read(string text)
    {
        var diagnostics = new List<Diagnostic>();
        var document = new DiagnosticScope(diagnostics, string.Empty, null);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: DocumentOptions);
        }
        catch (JsonException e)
        {
            var position = e.LineNumber is { } line ? new TextPosition((int)line + 1, (int)(e.BytePositionInLine ?? 0) + 1) : (TextPosition?)null;
            var message = DescribeJsonError(e);
            var memberPath = string.Empty;
            if (position is null && new JsonLocator(text).FirstDuplicate is { } duplicate)
            {
                (memberPath, position) = duplicate;
                message = "this member appears twice in one object; JSON readers disagree on which one wins, so Sluice accepts neither";
            }

            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.NotJson, string.Empty, null, memberPath, message) with { Position = position });
            return new DefinitionReadResult(null, diagnostics);
        }

        if (root is not JsonObject obj)
        {
            document.Error(DiagnosticCodes.NotAnObject, string.Empty,
                $"a pipeline definition is a JSON object with Version, Parameters and Steps, not {ExpressionParser.Describe(root)}");
            return new DefinitionReadResult(null, diagnostics);
        }

        return new DefinitionReadResult(Read(obj, text.Length, diagnostics), diagnostics);
    }

    /// <summary>Reads a definition from a JSON object already in memory, such as one the C# SDK builds.</summary>
    /// <param name="root">The definition's root object.</param>
    /// <param name="textLength">The length of its text, for the inline size check.</param>
    /// <returns>The definition and the problems found.</returns>
    public static DefinitionReadResult Read(JsonObject root, int textLength)
    {
        var diagnostics = new List<Diagnostic>();
        return new DefinitionReadResult(Read(root, textLength, diagnostics), diagnostics);
    }

    private static PipelineDefinition Read(JsonObject root, int textLength, List<Diagnostic> diagnostics)
    {
        var document = new DiagnosticScope(diagnostics, string.Empty, null);
        if (textLength > PipelineDefinition.MaxInlineLength)
        {
            document.Warning(DiagnosticCodes.TooLarge, string.Empty,
                $"the definition has {textLength:N0} characters; CreatePipeline accepts at most {PipelineDefinition.MaxInlineLength:N0} inline, " +
                "so SageMaker needs it as PipelineDefinitionS3Location (Sluice runs it either way)");
        }

        foreach (var (name, _) in root)
        {
            if (Array.IndexOf(TopLevelMembers, name) < 0)
            {
                document.Warning(DiagnosticCodes.UnknownMember, JsonPaths.Member(string.Empty, name),
                    $"'{name}' is not a member of a pipeline definition{Spelling.Hint(name, TopLevelMembers)}; SageMaker ignores or rejects it");
            }
        }

        var steps = new List<StepDefinition>();
        var allSteps = new List<StepDefinition>();
        var stepsNode = root["Steps"];
        if (!root.ContainsKey("Steps"))
        {
            document.Error(DiagnosticCodes.MalformedStep, "Steps", "a pipeline definition needs a Steps list");
        }
        else if (stepsNode is not JsonArray stepArray)
        {
            document.Error(DiagnosticCodes.MalformedStep, "Steps", $"Steps must be a list of steps, not {ExpressionParser.Describe(stepsNode)}");
        }
        else
        {
            if (stepArray.Count == 0)
            {
                document.Warning(DiagnosticCodes.MalformedStep, "Steps", "Steps is empty; an execution would do nothing");
            }

            ReadSteps(stepArray, "Steps", null, null, steps, allSteps, diagnostics);
        }

        return new PipelineDefinition
        {
            Root = root,
            TextLength = textLength,
            Version = ReadVersion(root, document),
            Metadata = ReadMetadata(root, document),
            Parameters = ReadParameters(root, diagnostics),
            ExperimentConfig = ReadExperimentConfig(root, document),
            Steps = steps,
            AllSteps = allSteps,
        };
    }

    private static string? ReadVersion(JsonObject root, DiagnosticScope document)
    {
        if (!root.TryGetPropertyValue("Version", out var node))
        {
            document.Warning(DiagnosticCodes.Version, "Version",
                $"the definition has no Version; SageMaker definitions declare \"{PipelineDefinition.SupportedVersion}\"");
            return null;
        }

        if (!JsonNodes.TryGetString(node, out var version) || version != PipelineDefinition.SupportedVersion)
        {
            document.Error(DiagnosticCodes.Version, "Version",
                $"Version must be \"{PipelineDefinition.SupportedVersion}\", not {(node is JsonValue ? node.ToJsonString() : ExpressionParser.Describe(node))}");
            return null;
        }

        return version;
    }

    private static Dictionary<string, string> ReadMetadata(JsonObject root, DiagnosticScope document)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!root.TryGetPropertyValue("Metadata", out var node) || node is null)
        {
            return metadata;
        }

        if (node is not JsonObject obj)
        {
            document.Error(DiagnosticCodes.MalformedTopLevel, "Metadata", $"Metadata must be an object of strings, not {ExpressionParser.Describe(node)}");
            return metadata;
        }

        foreach (var (key, value) in obj)
        {
            if (JsonNodes.TryGetString(value, out var text))
            {
                metadata[key] = text;
            }
            else
            {
                document.Error(DiagnosticCodes.MalformedTopLevel, JsonPaths.Member("Metadata", key),
                    $"Metadata values must be strings, not {ExpressionParser.Describe(value)}");
            }
        }

        return metadata;
    }

    private static ExperimentConfigDefinition? ReadExperimentConfig(JsonObject root, DiagnosticScope document)
    {
        if (!root.TryGetPropertyValue("PipelineExperimentConfig", out var node) || node is null)
        {
            return null;
        }

        if (node is not JsonObject obj)
        {
            document.Error(DiagnosticCodes.MalformedTopLevel, "PipelineExperimentConfig",
                $"PipelineExperimentConfig must be an object with ExperimentName and TrialName, or null; not {ExpressionParser.Describe(node)}");
            return null;
        }

        string[] members = ["ExperimentName", "TrialName"];
        foreach (var (name, value) in obj)
        {
            var path = JsonPaths.Member("PipelineExperimentConfig", name);
            if (Array.IndexOf(members, name) < 0)
            {
                document.Warning(DiagnosticCodes.UnknownMember, path,
                    $"'{name}' is not a member of PipelineExperimentConfig{Spelling.Hint(name, members)}");
            }
            else if (value is not null && !JsonNodes.TryGetString(value, out _) && !ExpressionParser.IsExpression(value))
            {
                document.Error(DiagnosticCodes.MalformedTopLevel, path, $"{name} must be a string or an expression, not {ExpressionParser.Describe(value)}");
            }
        }

        return new ExperimentConfigDefinition(
            obj.TryGetPropertyValue("ExperimentName", out var experiment) ? ExpressionParser.Parse(experiment, "PipelineExperimentConfig.ExperimentName", document) : null,
            obj.TryGetPropertyValue("TrialName", out var trial) ? ExpressionParser.Parse(trial, "PipelineExperimentConfig.TrialName", document) : null);
    }

    private static string DescribeJsonError(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0)
        {
            message = message[..cut].TrimEnd();
        }

        if (message.Contains("does not contain any JSON tokens", StringComparison.Ordinal))
        {
            return "the definition is empty; expected a JSON object";
        }

        if (message.Contains("end of the JSON payload", StringComparison.Ordinal)
            || message.Contains("Expected depth to be zero", StringComparison.Ordinal)
            || message.Contains("end of data", StringComparison.Ordinal))
        {
            return "the JSON ends early: an object or list is not closed (is the file truncated?)";
        }

        return $"not valid JSON: {message}";
    }

    [GeneratedRegex(@"^[A-Za-z0-9\-_]{1,64}$", RegexOptions.CultureInvariant)]
    internal static partial Regex NamePattern();
}
