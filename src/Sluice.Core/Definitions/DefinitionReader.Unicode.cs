using System.Text.Json;
using System.Text.RegularExpressions;
using Sluice.Definitions.Validation;

namespace Sluice.Definitions;

/// <content>
/// Strings that are not valid Unicode. The parser accepts a lone surrogate escape (<c>"\ud800"</c>) and bytes that
/// are not UTF-8 inside strings, but every later read of such a string throws; so each one is reported here, with
/// its path and position, and the rest of the reader works on a copy where it reads as U+FFFD.
/// </content>
public static partial class DefinitionReader
{
    /// <summary>
    /// Whether the text could hold a string that is not valid Unicode: only bytes that are not UTF-8, or an escape of a
    /// surrogate (<c>\uD800</c> to <c>\uDFFF</c>), make one. Both searches are vectorised, so the usual definition is
    /// not tokenised a second time before it is parsed.
    /// </summary>
    private static bool MayHoldInvalidText(ReadOnlySpan<byte> utf8) =>
        !System.Text.Unicode.Utf8.IsValid(utf8) || utf8.IndexOf("\\ud"u8) >= 0 || utf8.IndexOf("\\uD"u8) >= 0;

    /// <summary>
    /// Finds the strings and member names that are not valid Unicode, reports each, and returns the text with
    /// those strings repaired; the text itself (no copy) when there are none, the usual case.
    /// </summary>
    private static ReadOnlyMemory<byte> RepairStrings(ReadOnlyMemory<byte> utf8, List<Diagnostic> diagnostics)
    {
        if (!MayHoldInvalidText(utf8.Span))
        {
            return utf8;
        }

        List<(int Start, int Length, string Text)>? repairs = null;
        var reader = new Utf8JsonReader(utf8.Span, new JsonReaderOptions { MaxDepth = DocumentOptions.MaxDepth });
        var frames = new List<Frame>();
        while (reader.Read())
        {
            var token = reader.TokenType;
            if (token is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                frames.RemoveAt(frames.Count - 1);
                continue;
            }

            if (token != JsonTokenType.PropertyName && frames.Count > 0 && frames[^1].IsArray)
            {
                frames[^1] = frames[^1] with { Index = frames[^1].Index + 1 };
            }

            if (token is JsonTokenType.String or JsonTokenType.PropertyName && JsonStrings.NeedsCare(in reader))
            {
                var text = JsonStrings.Decode(reader.ValueSpan, out var problem);
                if (problem is not null)
                {
                    var start = (int)reader.TokenStartIndex;
                    var path = token == JsonTokenType.PropertyName
                        ? JsonPaths.Member(PathOf(utf8.Span, frames, frames.Count - 1), text)
                        : PathOf(utf8.Span, frames, frames.Count);
                    (repairs ??= []).Add((start, reader.ValueSpan.Length + 2, text));
                    diagnostics.Add(InvalidUnicode(utf8.Span, start, path, token == JsonTokenType.PropertyName, problem));
                }
            }

            if (token == JsonTokenType.PropertyName)
            {
                frames[^1] = frames[^1] with { NameStart = (int)reader.TokenStartIndex + 1, NameLength = reader.ValueSpan.Length };
            }
            else if (token is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                frames.Add(new Frame(token == JsonTokenType.StartArray, -1, 0, 0));
            }
        }

        return repairs is null ? utf8 : Apply(utf8.Span, repairs);
    }

    /// <summary>The path of the value the reader is at, from the first <paramref name="count"/> frames of the objects and lists around it.</summary>
    private static string PathOf(ReadOnlySpan<byte> utf8, List<Frame> frames, int count)
    {
        var path = string.Empty;
        foreach (var frame in frames.Take(count))
        {
            path = frame.IsArray
                ? JsonPaths.Index(path, frame.Index)
                : JsonPaths.Member(path, JsonStrings.Decode(utf8.Slice(frame.NameStart, frame.NameLength), out _));
        }

        return path;
    }

    private static byte[] Apply(ReadOnlySpan<byte> utf8, List<(int Start, int Length, string Text)> repairs)
    {
        var output = new List<byte>(utf8.Length + (repairs.Count * 8));
        var copied = 0;
        foreach (var (start, length, text) in repairs)
        {
            output.AddRange(utf8[copied..start]);
            output.Add((byte)'"');
            output.AddRange(JsonEncodedText.Encode(text).EncodedUtf8Bytes);
            output.Add((byte)'"');
            copied = start + length;
        }

        output.AddRange(utf8[copied..]);
        return [.. output];
    }

    private static Diagnostic InvalidUnicode(ReadOnlySpan<byte> utf8, int offset, string path, bool isName, string problem)
    {
        var before = utf8[..offset];
        var line = before.Count((byte)'\n');
        var column = offset - (before.LastIndexOf((byte)'\n') + 1);
        var owner = OwnerPattern().Match(path);
        var what = isName ? "the member name" : "the string";
        return Diagnostic.Error(DiagnosticCodes.InvalidUnicode, owner.Value, null, JsonPaths.Relative(owner.Value, path),
            $"{what} holds {problem}, which is not valid Unicode; JSON readers reject or alter it (Sluice reads it as U+FFFD)")
            with { Position = new TextPosition(line + 1, column + 1) };
    }

    /// <summary>The step or parameter that owns a path: <c>Parameters[0]</c>, <c>Steps[2]</c>, <c>Steps[2].Arguments.IfSteps[0]</c>.</summary>
    [GeneratedRegex(@"^(?:Parameters\[\d+\]|Steps\[\d+\](?:\.Arguments\.(?:IfSteps|ElseSteps)\[\d+\])*)", RegexOptions.CultureInvariant)]
    private static partial Regex OwnerPattern();

    /// <summary>An object or list the reader is inside: a list's current index, or an object's current member name.</summary>
    private readonly record struct Frame(bool IsArray, int Index, int NameStart, int NameLength);
}
