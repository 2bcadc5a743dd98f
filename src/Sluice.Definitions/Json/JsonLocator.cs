using System.Text;
using System.Text.Json;

namespace Sluice.Definitions.Json;

/// <summary>A line and column in a text file, both 1-based.</summary>
/// <param name="Line">The line.</param>
/// <param name="Column">The column, counted in UTF-8 bytes from the line's start.</param>
public readonly record struct TextPosition(int Line, int Column);

/// <summary>
/// Finds where the elements named by <see cref="JsonPaths"/> paths stand in a JSON text, so that messages can say
/// <c>pipeline.json:42:7</c>. Built on demand, when there is something to report.
/// </summary>
public sealed class JsonLocator
{
    private readonly Dictionary<string, TextPosition> _positions = new(StringComparer.Ordinal);

    /// <summary>Indexes every element of a JSON text by its path.</summary>
    /// <param name="text">The JSON text; text that is not valid JSON is indexed up to the first error.</param>
    public JsonLocator(string text)
        : this(JsonStrings.ToUtf8(text), null)
    {
    }

    /// <summary>Indexes every element of a UTF-8 JSON text by its path.</summary>
    /// <param name="utf8">The JSON text in UTF-8.</param>
    public JsonLocator(ReadOnlyMemory<byte> utf8)
        : this(utf8, null)
    {
    }

    private JsonLocator(ReadOnlyMemory<byte> utf8, HashSet<string>? wanted)
    {
        var bytes = utf8.Span;
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..]; // a byte order mark, which the reader would take for an invalid token
        }

        var lineStarts = LineStarts(bytes);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 1024 });
        var stack = new Stack<(string Path, int NextIndex, bool IsArray)>();
        string? pendingMember = null;
        try
        {
            while ((wanted is null || _positions.Count < wanted.Count) && reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    var parentPath = stack.Peek().Path;
                    pendingMember = JsonPaths.Member(parentPath, JsonStrings.Read(in reader));
                    if (wanted is not null && !wanted.Contains(pendingMember))
                    {
                        reader.Skip(); // its value: nothing wanted below this member
                        continue;
                    }

                    var position = Position(lineStarts, reader.TokenStartIndex);
                    if (!_positions.TryAdd(pendingMember, position) && FirstDuplicate is null)
                    {
                        FirstDuplicate = (pendingMember, position);
                    }

                    continue;
                }

                if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    stack.Pop();
                    continue;
                }

                string path;
                if (stack.Count == 0)
                {
                    path = string.Empty;
                    _positions.TryAdd(path, Position(lineStarts, reader.TokenStartIndex));
                }
                else if (stack.Peek().IsArray)
                {
                    var top = stack.Pop();
                    path = JsonPaths.Index(top.Path, top.NextIndex);
                    stack.Push((top.Path, top.NextIndex + 1, true));
                    if (wanted is not null && !wanted.Contains(path))
                    {
                        reader.Skip();
                        continue;
                    }

                    _positions.TryAdd(path, Position(lineStarts, reader.TokenStartIndex));
                }
                else
                {
                    path = pendingMember!;
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    stack.Push((path, 0, reader.TokenType == JsonTokenType.StartArray));
                }
            }
        }
        catch (JsonException)
        {
            // Invalid JSON is indexed up to the error; the reader reports the error itself.
        }
    }

    /// <summary>
    /// Indexes only the given paths and their ancestors, skipping every other part of the text and stopping once all
    /// are found: cheap on large documents with few problems.
    /// </summary>
    /// <param name="text">The JSON text.</param>
    /// <param name="paths">The paths that will be looked up.</param>
    /// <returns>A locator that finds those paths (or their nearest ancestors).</returns>
    public static JsonLocator For(string text, IEnumerable<string> paths) => For(JsonStrings.ToUtf8(text), paths);

    /// <summary>Indexes only the given paths and their ancestors in a UTF-8 JSON text.</summary>
    /// <param name="utf8">The JSON text in UTF-8.</param>
    /// <param name="paths">The paths that will be looked up.</param>
    /// <returns>A locator that finds those paths (or their nearest ancestors).</returns>
    public static JsonLocator For(ReadOnlyMemory<byte> utf8, IEnumerable<string> paths)
    {
        var wanted = new HashSet<string>(StringComparer.Ordinal) { string.Empty };
        foreach (var path in paths)
        {
            for (var current = path; current.Length > 0 && wanted.Add(current);)
            {
                var cut = Math.Max(current.LastIndexOf('.'), current.LastIndexOf('['));
                current = cut <= 0 ? string.Empty : current[..cut];
            }
        }

        return new JsonLocator(utf8, wanted);
    }

    /// <summary>The first member that appears twice in one object, with the position of its second appearance.</summary>
    public (string Path, TextPosition Position)? FirstDuplicate { get; }

    /// <summary>Finds the position of a path, or of its nearest ancestor that is in the text.</summary>
    /// <param name="path">A path such as <c>Steps[2].Arguments.RoleArn</c>.</param>
    /// <returns>The position, or <see langword="null"/> when not even the root is known.</returns>
    public TextPosition? Find(string path)
    {
        var current = path;
        while (true)
        {
            if (_positions.TryGetValue(current, out var position))
            {
                return position;
            }

            var cut = Math.Max(current.LastIndexOf('.'), current.LastIndexOf('['));
            if (cut <= 0)
            {
                return current.Length == 0 ? null : _positions.TryGetValue(string.Empty, out var root) ? root : null;
            }

            current = current[..cut];
        }
    }

    private static List<int> LineStarts(ReadOnlySpan<byte> bytes)
    {
        var starts = new List<int> { 0 };
        for (var offset = 0; offset < bytes.Length;)
        {
            var newline = bytes[offset..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                break;
            }

            offset += newline + 1;
            starts.Add(offset);
        }

        return starts;
    }

    private static TextPosition Position(List<int> lineStarts, long offset)
    {
        var index = lineStarts.BinarySearch((int)offset);
        var line = index >= 0 ? index : ~index - 1;
        return new TextPosition(line + 1, (int)offset - lineStarts[line] + 1);
    }
}
