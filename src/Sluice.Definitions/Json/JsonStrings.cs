using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Sluice.Definitions.Json;

/// <summary>
/// Reads JSON strings that System.Text.Json refuses. JSON lets a string hold a lone surrogate escape
/// (<c>"\ud800"</c>) and a file may hold bytes that are not UTF-8; the parser accepts both, but
/// <see cref="JsonElement.GetString"/> then throws. These methods never throw: they put U+FFFD in place of what is
/// not valid Unicode and say what it was.
/// </summary>
public static class JsonStrings
{
    private const char Replacement = '\uFFFD';

    /// <summary>Whether a string or property name token at the reader needs <see cref="Decode"/> to be read safely.</summary>
    public static bool NeedsCare(ref readonly Utf8JsonReader reader) =>
        reader.ValueIsEscaped || reader.HasValueSequence || !Utf8.IsValid(reader.ValueSpan);

    /// <summary>The text of the string or property name token at the reader, with U+FFFD for what is not valid Unicode.</summary>
    public static string Read(ref readonly Utf8JsonReader reader) =>
        !NeedsCare(in reader) ? reader.GetString()! : Decode(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan, out _);

    /// <summary>Unescapes the raw content of a JSON string (the bytes between its quotes).</summary>
    /// <param name="raw">The raw bytes, escapes included, as the reader found them.</param>
    /// <param name="problem">What was not valid Unicode, the first such thing; <see langword="null"/> when all was.</param>
    /// <returns>The text, with U+FFFD in place of each lone surrogate and each run of bytes that is not UTF-8.</returns>
    public static string Decode(ReadOnlySpan<byte> raw, out string? problem)
    {
        problem = null;
        var text = new StringBuilder(raw.Length);
        Span<char> units = stackalloc char[2];
        var i = 0;
        while (i < raw.Length)
        {
            if (raw[i] == (byte)'\\' && i + 1 < raw.Length)
            {
                i = raw[i + 1] == (byte)'u' ? DecodeUnicodeEscape(raw, i, text, ref problem) : DecodeShortEscape(raw, i, text);
                continue;
            }

            var status = Rune.DecodeFromUtf8(raw[i..], out var rune, out var consumed);
            if (status == OperationStatus.Done)
            {
                text.Append(units[..rune.EncodeToUtf16(units)]);
            }
            else
            {
                problem ??= DescribeInvalidBytes(raw[i..]);
                text.Append(Replacement);
            }

            i += Math.Max(consumed, 1);
        }

        return text.ToString();
    }

    /// <summary>
    /// Encodes text as UTF-8, except that a lone surrogate becomes the three bytes that would encode its code point
    /// (which are not UTF-8), so that a reader of the bytes still sees it and can report it instead of a silent U+FFFD.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The bytes.</returns>
    public static byte[] ToUtf8(string text)
    {
        if (!HasLoneSurrogate(text))
        {
            return Encoding.UTF8.GetBytes(text);
        }

        var bytes = new List<byte>(text.Length + 16);
        Span<byte> buffer = stackalloc byte[4];
        for (var i = 0; i < text.Length;)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed) == OperationStatus.Done)
            {
                bytes.AddRange(buffer[..rune.EncodeToUtf8(buffer)]);
            }
            else
            {
                int unit = text[i];
                bytes.Add((byte)(0xE0 | (unit >> 12)));
                bytes.Add((byte)(0x80 | ((unit >> 6) & 0x3F)));
                bytes.Add((byte)(0x80 | (unit & 0x3F)));
            }

            i += Math.Max(consumed, 1);
        }

        return [.. bytes];
    }

    private static bool HasLoneSurrogate(ReadOnlySpan<char> text)
    {
        int i;
        while ((i = text.IndexOfAnyInRange('\uD800', '\uDFFF')) >= 0)
        {
            if (!char.IsHighSurrogate(text[i]) || i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
            {
                return true;
            }

            text = text[(i + 2)..];
        }

        return false;
    }

    private static int DecodeUnicodeEscape(ReadOnlySpan<byte> raw, int start, StringBuilder text, ref string? problem)
    {
        if (!TryReadUnit(raw, start, out var unit))
        {
            text.Append(Replacement);
            return start + 2;
        }

        if (char.IsHighSurrogate(unit) && TryReadUnit(raw, start + 6, out var low) && char.IsLowSurrogate(low))
        {
            text.Append(unit).Append(low);
            return start + 12;
        }

        if (char.IsSurrogate(unit))
        {
            problem ??= $"a lone surrogate escape \\u{(int)unit:X4}";
            text.Append(Replacement);
        }
        else
        {
            text.Append(unit);
        }

        return start + 6;
    }

    private static int DecodeShortEscape(ReadOnlySpan<byte> raw, int start, StringBuilder text)
    {
        text.Append(raw[start + 1] switch
        {
            (byte)'b' => '\b',
            (byte)'f' => '\f',
            (byte)'n' => '\n',
            (byte)'r' => '\r',
            (byte)'t' => '\t',
            var c when c < 0x80 => (char)c,
            _ => Replacement,
        });
        return start + 2;
    }

    /// <summary>Reads the four hex digits of a <c>\uXXXX</c> escape at <paramref name="start"/>.</summary>
    private static bool TryReadUnit(ReadOnlySpan<byte> raw, int start, out char unit)
    {
        unit = default;
        if (start + 6 > raw.Length || raw[start] != (byte)'\\' || raw[start + 1] != (byte)'u'
            || !int.TryParse(raw.Slice(start + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        unit = (char)value;
        return true;
    }

    /// <summary>Names invalid bytes: an encoded surrogate (ED A0..BF xx) is a lone surrogate written as UTF-8.</summary>
    private static string DescribeInvalidBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes is [0xED, >= 0xA0 and <= 0xBF, >= 0x80 and <= 0xBF, ..])
        {
            var unit = ((bytes[0] & 0x0F) << 12) | ((bytes[1] & 0x3F) << 6) | (bytes[2] & 0x3F);
            return $"a lone surrogate U+{unit:X4}";
        }

        return $"bytes that are not UTF-8 (0x{bytes[0]:X2})";
    }
}
