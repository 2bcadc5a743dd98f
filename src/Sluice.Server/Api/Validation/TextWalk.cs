using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

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

    private readonly List<string> _violations = [];
    private readonly List<string> _path = [];

    private TextWalk()
    {
    }

    /// <summary>Every place in <paramref name="body"/> holding a string that is not text, as validation messages.</summary>
    /// <param name="input">The operation's input shape, for the paths; <see langword="null"/> to name members as sent.</param>
    /// <param name="body">The request body.</param>
    public static IReadOnlyList<string> Run(Shape? input, JsonElement body)
    {
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
                    _path.Add((++index).ToString(CultureInfo.InvariantCulture) + ".member");
                    Value(item, element);
                    _path.RemoveAt(_path.Count - 1);
                }

                break;
            case JsonValueKind.Object:
                Object(shape, value);
                break;
        }
    }

    private void Object(Shape? shape, JsonElement value)
    {
        foreach (var property in value.EnumerateObject())
        {
            var name = JsonMarshal.GetRawUtf8PropertyName(property);
            if (!IsText(name))
            {
                // Not text, so no member of the model: named as sent, since no other name says which one it is.
                _path.Add(Encoding.UTF8.GetString(name));
                Add();
                _path.RemoveAt(_path.Count - 1);
                continue; // its value cannot be reached by name, so it is not walked
            }

            Shape? inner = null;
            string segment;
            if (shape?.Type == ShapeType.Map)
            {
                segment = property.Name + ".member";
                inner = shape.Value;
            }
            else if (shape?.Type == ShapeType.Structure && shape.TryGetMember(property.Name, out var member))
            {
                segment = member.PathName;
                inner = member.Shape;
            }
            else
            {
                segment = property.Name;
            }

            _path.Add(segment);
            Value(inner, property.Value);
            _path.RemoveAt(_path.Count - 1);
        }
    }

    private void Add() => _violations.Add(CoralText.Violation(null, string.Join('.', _path), Constraint));

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
}
