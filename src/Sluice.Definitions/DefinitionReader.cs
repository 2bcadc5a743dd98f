using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Sluice.Definitions.Expressions;
using Sluice.Definitions.Json;
using Sluice.Definitions.Validation;

namespace Sluice.Definitions;

/// <summary>
/// Reads pipeline definition JSON leniently: every shape the SageMaker Python SDK emits is accepted, members Sluice
/// does not model are kept, and every problem found on the way becomes a <see cref="Diagnostic"/> naming its place
/// instead of an exception. Checks across elements (references, the graph) are <see cref="DefinitionValidator"/>'s.
/// </summary>
public static partial class DefinitionReader
{
    private static readonly byte[] Utf8ByteOrderMark = [0xEF, 0xBB, 0xBF];

    private static readonly string[] TopLevelMembers = ["Version", "Metadata", "Parameters", "PipelineExperimentConfig", "Steps"];

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowDuplicateProperties = false,
        MaxDepth = 512,
    };

    /// <summary>Reads a definition from its text.</summary>
    /// <param name="text">The definition JSON.</param>
    /// <returns>The definition, when the text is a JSON object, and the problems found.</returns>
    public static DefinitionReadResult Read(string text) => Read(JsonStrings.ToUtf8(text));

    /// <summary>Reads a definition from its UTF-8 bytes, as read from a file (a leading byte order mark is skipped).</summary>
    /// <param name="utf8">The definition JSON in UTF-8; the definition refers to this memory, which must not change.</param>
    /// <returns>The definition, when the text is a JSON object, and the problems found.</returns>
    public static DefinitionReadResult Read(ReadOnlyMemory<byte> utf8)
    {
        if (utf8.Span.StartsWith(Utf8ByteOrderMark))
        {
            utf8 = utf8[Utf8ByteOrderMark.Length..];
        }

        var diagnostics = new List<Diagnostic>();

        // Strings that are not valid Unicode are repaired first: even parsing throws on such a member name, when it
        // checks for duplicates. A syntax error stops the scan; the parser then reports it.
        var unicode = new List<Diagnostic>();
        var text = utf8;
        try
        {
            text = RepairStrings(utf8, unicode);
            diagnostics.AddRange(unicode);
        }
        catch (JsonException)
        {
            // Not JSON: the parser below says where, better than the scan could.
        }

        JsonElement root;
        try
        {
            // Not disposed: the definition's elements read this document for as long as the definition lives; its
            // pooled buffers simply go to the garbage collector. Parsing the bytes directly, with no copy, is what
            // keeps a 10,000-step definition fast.
#pragma warning disable CA2000
            root = JsonDocument.Parse(text, DocumentOptions).RootElement;
#pragma warning restore CA2000
        }
        catch (JsonException e)
        {
            // After a repair, two member names that differed only in what was not valid Unicode may read the same.
            diagnostics.Add(DescribeJsonError(text, e));
            return new DefinitionReadResult(null, diagnostics);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.NotAnObject, string.Empty, null, string.Empty,
                $"a pipeline definition is a JSON object with Version, Parameters and Steps, not {((JsonElement?)root).Describe()}"));
            return new DefinitionReadResult(null, diagnostics);
        }

        return new DefinitionReadResult(Read(root, Encoding.UTF8.GetCharCount(utf8.Span), diagnostics), diagnostics);
    }

    /// <summary>Reads a definition held as a JSON tree in memory, such as one the C# SDK builds.</summary>
    /// <param name="root">The definition's root object.</param>
    /// <returns>The definition and the problems found.</returns>
    public static DefinitionReadResult Read(JsonObject root) => Read(DefinitionWriter.Write(root));

    private static PipelineDefinition Read(JsonElement root, int textLength, List<Diagnostic> diagnostics)
    {
        var document = new DiagnosticScope(diagnostics, string.Empty, null);
        if (textLength > PipelineDefinition.MaxInlineLength)
        {
            document.Warning(DiagnosticCodes.TooLarge, string.Empty,
                $"the definition has {textLength:N0} characters; CreatePipeline accepts at most {PipelineDefinition.MaxInlineLength:N0} inline, " +
                "so SageMaker needs it as PipelineDefinitionS3Location (Sluice runs it either way)");
        }

        foreach (var member in root.EnumerateObject())
        {
            if (Array.IndexOf(TopLevelMembers, member.Name) < 0)
            {
                document.Warning(DiagnosticCodes.UnknownMember, JsonPaths.Member(string.Empty, member.Name),
                    $"'{member.Name}' is not a member of a pipeline definition{Spelling.Hint(member.Name, TopLevelMembers)}; SageMaker ignores or rejects it");
            }
        }

        var steps = new List<StepDefinition>();
        var allSteps = new List<StepDefinition>();
        var stepsNode = root.Member("Steps");
        if (stepsNode is null)
        {
            document.Error(DiagnosticCodes.MalformedStep, "Steps", "a pipeline definition needs a Steps list");
        }
        else if (stepsNode is not { ValueKind: JsonValueKind.Array } stepArray)
        {
            document.Error(DiagnosticCodes.MalformedStep, "Steps", $"Steps must be a list of steps, not {stepsNode.Describe()}");
        }
        else
        {
            if (stepArray.GetArrayLength() == 0)
            {
                document.Warning(DiagnosticCodes.MalformedStep, "Steps", "Steps is empty; an execution would do nothing");
            }

            ReadTopLevelSteps(stepArray, steps, allSteps, diagnostics);
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

    private static string? ReadVersion(JsonElement root, DiagnosticScope document)
    {
        var node = root.Member("Version");
        if (node is null)
        {
            document.Warning(DiagnosticCodes.Version, "Version",
                $"the definition has no Version; SageMaker definitions declare \"{PipelineDefinition.SupportedVersion}\"");
            return null;
        }

        if (!node.TryGetString(out var version) || version != PipelineDefinition.SupportedVersion)
        {
            document.Error(DiagnosticCodes.Version, "Version", $"Version must be \"{PipelineDefinition.SupportedVersion}\", not {node.Show()}");
            return null;
        }

        return version;
    }

    private static Dictionary<string, string> ReadMetadata(JsonElement root, DiagnosticScope document)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var node = root.Member("Metadata");
        if (node.IsNullOrMissing())
        {
            return metadata;
        }

        if (node is not { ValueKind: JsonValueKind.Object } obj)
        {
            document.Error(DiagnosticCodes.MalformedTopLevel, "Metadata", $"Metadata must be an object of strings, not {node.Describe()}");
            return metadata;
        }

        foreach (var member in obj.EnumerateObject())
        {
            if (((JsonElement?)member.Value).TryGetString(out var text))
            {
                metadata[member.Name] = text;
            }
            else
            {
                document.Error(DiagnosticCodes.MalformedTopLevel, JsonPaths.Member("Metadata", member.Name),
                    $"Metadata values must be strings, not {((JsonElement?)member.Value).Describe()}");
            }
        }

        return metadata;
    }

    private static ExperimentConfigDefinition? ReadExperimentConfig(JsonElement root, DiagnosticScope document)
    {
        var node = root.Member("PipelineExperimentConfig");
        if (node.IsNullOrMissing())
        {
            return null;
        }

        if (node is not { ValueKind: JsonValueKind.Object } obj)
        {
            document.Error(DiagnosticCodes.MalformedTopLevel, "PipelineExperimentConfig",
                $"PipelineExperimentConfig must be an object with ExperimentName and TrialName, or null; not {node.Describe()}");
            return null;
        }

        string[] members = ["ExperimentName", "TrialName"];
        foreach (var member in obj.EnumerateObject())
        {
            var path = JsonPaths.Member("PipelineExperimentConfig", member.Name);
            JsonElement? value = member.Value;
            if (Array.IndexOf(members, member.Name) < 0)
            {
                document.Warning(DiagnosticCodes.UnknownMember, path,
                    $"'{member.Name}' is not a member of PipelineExperimentConfig{Spelling.Hint(member.Name, members)}");
            }
            else if (!value.IsNullOrMissing() && !value.TryGetString(out _) && !ExpressionParser.IsExpression(value))
            {
                document.Error(DiagnosticCodes.MalformedTopLevel, path, $"{member.Name} must be a string or an expression, not {value.Describe()}");
            }
        }

        return new ExperimentConfigDefinition(
            obj.Member("ExperimentName") is { } experiment ? ExpressionParser.Parse(experiment, "PipelineExperimentConfig.ExperimentName", document) : null,
            obj.Member("TrialName") is { } trial ? ExpressionParser.Parse(trial, "PipelineExperimentConfig.TrialName", document) : null);
    }

    private static Diagnostic DescribeJsonError(ReadOnlyMemory<byte> utf8, JsonException e)
    {
        var position = e.LineNumber is { } line ? new TextPosition((int)line + 1, (int)(e.BytePositionInLine ?? 0) + 1) : (TextPosition?)null;
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0)
        {
            message = message[..cut].TrimEnd();
        }

        var memberPath = string.Empty;
        if (message.Contains("does not contain any JSON tokens", StringComparison.Ordinal))
        {
            message = "the definition is empty; expected a JSON object";
        }
        else if (message.Contains("end of the JSON payload", StringComparison.Ordinal)
            || message.Contains("Expected depth to be zero", StringComparison.Ordinal)
            || message.Contains("end of data", StringComparison.Ordinal))
        {
            message = "the JSON ends early: an object or list is not closed (is the file truncated?)";
        }
        else if (position is null && new JsonLocator(utf8).FirstDuplicate is { } duplicate)
        {
            (memberPath, position) = duplicate;
            message = "this member appears twice in one object; JSON readers disagree on which one wins, so Sluice accepts neither";
        }
        else
        {
            message = $"not valid JSON: {message}";
        }

        return Diagnostic.Error(DiagnosticCodes.NotJson, string.Empty, null, memberPath, message) with { Position = position };
    }

    /// <summary>
    /// Reads an optional list member: <see langword="false"/> when it is absent or <c>null</c>, and when it is not a
    /// list (reported with <paramref name="code"/>, as "<paramref name="member"/> must be a list of <paramref name="items"/>").
    /// </summary>
    private static bool TryGetList(JsonElement obj, string member, string path, string code, string items, DiagnosticScope scope, out JsonElement list)
    {
        var node = obj.Member(member);
        list = default;
        if (node.IsNullOrMissing())
        {
            return false;
        }

        if (node is not { ValueKind: JsonValueKind.Array } array)
        {
            scope.Error(code, path, $"{member} must be a list of {items}, not {node.Describe()}");
            return false;
        }

        list = array;
        return true;
    }

    [GeneratedRegex(@"^[A-Za-z0-9\-_]{1,64}$", RegexOptions.CultureInvariant)]
    internal static partial Regex NamePattern();
}
