using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Sluice.Definitions.Shapes;

namespace Sluice.Server.Api.Validation;

/// <summary>
/// Finds every string in a request body, member names included, that is not Unicode text: raw bytes that are not
/// UTF-8, or a <c>\uD800</c>-style escape of a lone surrogate. JSON parsing lets both through, but reading such a
/// string (even looking up another member of the same object) throws, so a body is refused for them before anything
/// reads it, naming each place as the validator names members (<c>pipelineParameters.1.member.value</c>).
/// </summary>
/// <remarks>
/// The walk follows the input shape where the body matches it, for Coral's paths; members the shape does not name, and
/// values of the wrong JSON type, are still walked (a handler may look past them), with their names as sent. A member
/// name that is itself not text is shown in its escaped JSON form, its invalid bytes as U+FFFD.
/// </remarks>
internal sealed class TextWalk
{
    /// <summary>What every violation says.</summary>
    public const string Constraint = "Member must be valid Unicode text (no lone surrogate, no byte sequence that is not UTF-8)";

    private const int MaxInlineName = 128;

    private readonly List<string> _violations = [];
    private readonly List<Segment> _path = [];

    private TextWalk()
    {
    }

    /// <summary>Every place in <paramref name="body"/> holding a string that is not text, as validation messages.</summary>
    /// <param name="input">The operation's input shape, for the paths; <see langword="null"/> to name members as sent.</param>
    /// <param name="body">The request body.</param>
    public static IReadOnlyList<string> Run(Shape? input, JsonElement body)
    {
        // The usual body is text throughout: one vectorised pass over its raw bytes says so, and the walk, which names
        // the places, runs only for a body that is not.
        if (IsText(JsonMarshal.GetRawUtf8Value(body)))
        {
            return [];
        }

        var walk = new TextWalk();
        walk.Value(input, body);
        return walk._violations;
    }

    /// <summary>Whether a JSON string token (quotes and escapes as sent) reads as Unicode text.</summary>
    /// <param name="raw">The token's raw UTF-8, with or without its quotes.</param>
    public static bool IsText(ReadOnlySpan<byte> raw) => Utf8.IsValid(raw) && EscapesPair(raw);

    private void Value(Shape? shape, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                if (!IsText(JsonMarshal.GetRawUtf8Value(value)))
                {
                    Add();
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                var item = shape?.Type == ShapeType.List ? shape.Item : null;
                foreach (var element in value.EnumerateArray())
                {
                    _path.Add(new Segment(default, null, ++index, Entry: false));
                    Value(item, element);
                    _path.RemoveAt(_path.Count - 1);
                }

                break;
            case JsonValueKind.Object:
                Object(shape, value);
                break;
        }
    }

    /// <summary>An object's members; names are read only to find a member, and made into strings only for a message.</summary>
    private void Object(Shape? shape, JsonElement value)
    {
        Span<char> buffer = stackalloc char[MaxInlineName];
        foreach (var property in value.EnumerateObject())
        {
            var name = JsonMarshal.GetRawUtf8PropertyName(property);
            Shape? inner = null;
            var segment = new Segment(property, null, 0, Entry: false);
            if (!IsText(name))
            {
                // Not text, so no member of the model, and its value cannot be reached by name: it is not walked.
                _path.Add(segment);
                Add();
                _path.RemoveAt(_path.Count - 1);
                continue;
            }

            if (shape?.Type == ShapeType.Map)
            {
                segment = segment with { Entry = true };
                inner = shape.Value;
            }
            else if (shape?.Type == ShapeType.Structure && FindMember(shape, property, name, buffer, out var member))
            {
                segment = segment with { PathName = member.PathName };
                inner = member.Shape;
            }

            _path.Add(segment);
            Value(inner, property.Value);
            _path.RemoveAt(_path.Count - 1);
        }
    }

    /// <summary>The member a property names, decoding a short unescaped name into a stack buffer rather than a new string.</summary>
    private static bool FindMember(Shape shape, JsonProperty property, ReadOnlySpan<byte> name, Span<char> buffer, out ShapeMember member) =>
        name.Length <= buffer.Length && name.IndexOf((byte)'\\') < 0 && Encoding.UTF8.TryGetChars(name, buffer, out var written)
            ? shape.TryGetMember(buffer[..written], out member)
            : shape.TryGetMember(property.Name, out member);

    private void Add()
    {
        var path = new StringBuilder();
        for (var i = 0; i < _path.Count; i++)
        {
            var segment = _path[i];
            path.Append(i == 0 ? string.Empty : ".");
            if (segment.Index > 0)
            {
                path.Append(segment.Index).Append(".member");
            }
            else if (segment.PathName is not null)
            {
                path.Append(segment.PathName);
            }
            else
            {
                // A name that is not text is shown as sent (escapes as written, bytes that are not UTF-8 as U+FFFD).
                var raw = JsonMarshal.GetRawUtf8PropertyName(segment.Property);
                path.Append(IsText(raw) ? segment.Property.Name : Encoding.UTF8.GetString(raw)).Append(segment.Entry ? ".member" : string.Empty);
            }
        }

        _violations.Add(CoralText.Violation(null, path.ToString(), Constraint));
    }

    /// <summary>
    /// Whether every <c>\u</c> escape of a surrogate is part of a pair: a high one (D800–DBFF) followed at once by an
    /// escaped low one (DC00–DFFF). Raw UTF-8 cannot hold a surrogate (<see cref="Utf8.IsValid"/> refuses one).
    /// </summary>
    private static bool EscapesPair(ReadOnlySpan<byte> raw)
    {
        var awaitingLow = false;
        var i = 0;
        while (true)
        {
            if (!awaitingLow)
            {
                var next = raw[i..].IndexOf((byte)'\\');
                if (next < 0)
                {
                    return true;
                }

                i += next;
            }
            else if (i >= raw.Length || raw[i] != '\\')
            {
                return false; // a high surrogate followed by a plain character, or by the string's end
            }

            if (i + 1 >= raw.Length)
            {
                return !awaitingLow;
            }

            if (raw[i + 1] != 'u' || i + 6 > raw.Length || !TryHex(raw.Slice(i + 2, 4), out var unit))
            {
                if (awaitingLow)
                {
                    return false; // a high surrogate followed by another escape
                }

                i += 2; // \" \\ \/ \b \f \n \r \t: the escaped character is not looked at again
                continue;
            }

            if (awaitingLow != (unit is >= 0xDC00 and <= 0xDFFF))
            {
                return false; // a low surrogate alone, or a high one not followed by a low one
            }

            awaitingLow = unit is >= 0xD800 and <= 0xDBFF;
            i += 6;
        }
    }

    private static bool TryHex(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (var digit in digits)
        {
            var nibble = digit switch
            {
                >= (byte)'0' and <= (byte)'9' => digit - '0',
                >= (byte)'a' and <= (byte)'f' => digit - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => digit - 'A' + 10,
                _ => -1,
            };
            if (nibble < 0)
            {
                return false;
            }

            value = (value << 4) | nibble;
        }

        return true;
    }

    /// <summary>One step of a path: a list item (its 1-based index), a modeled member (its path name), or a property as sent (a map entry when <c>Entry</c>).</summary>
    private readonly record struct Segment(JsonProperty Property, string? PathName, int Index, bool Entry);
}
