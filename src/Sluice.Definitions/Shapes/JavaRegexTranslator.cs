using System.Text;
using System.Text.RegularExpressions;

namespace Sluice.Definitions.Shapes;

/// <summary>
/// Rewrites a botocore pattern, which is a <c>java.util.regex</c> pattern (the services run on Java), into a .NET
/// pattern that accepts the same strings, anchored at both ends because the services test <c>Matcher.matches()</c>.
/// </summary>
/// <remarks>
/// <para>What differs between the two engines and is rewritten here:</para>
/// <list type="bullet">
/// <item><c>.</c> excludes every Java line terminator (<c>\n \r \u0085 \u2028 \u2029</c>), not only <c>\n</c>, so
/// <c>.*</c> refuses a multi-line description as SageMaker does.</item>
/// <item><c>\d \w \s</c> and their negations are ASCII in Java and Unicode in .NET; they become explicit ranges.</item>
/// <item><c>\h</c>, <c>\v</c> (Java 8 whitespace classes), the POSIX <c>\p{Alpha}</c> family and
/// <c>\p{IsAlphabetic}</c>-style names, which .NET lacks, become explicit classes.</item>
/// <item><c>\Q…\E</c> quoting becomes escaped text.</item>
/// <item>A quantifier on <c>$</c> (<c>([…]*)${1,128}</c>, which Java allows) is dropped; .NET refuses it and a repeated
/// zero-width anchor means the anchor itself.</item>
/// <item>A character class with <c>\p{…}</c> categories also accepts UTF-16 surrogates: Java matches a code point
/// (an emoji is <c>\p{So}</c>), .NET sees two surrogate halves that are in no such category.</item>
/// </list>
/// <para>Java-only class syntax (nested classes, <c>&amp;&amp;</c> intersections) is refused with an exception, so a new
/// botocore that brings one fails the every-pattern-compiles test rather than validating wrongly.</para>
/// </remarks>
public static class JavaRegexTranslator
{
    private const string LineTerminators = @"\n\r\u0085\u2028\u2029";
    private const string Digits = "0-9";
    private const string NotDigits = @"\x00-\x2F\x3A-\uFFFF";
    private const string WordChars = "a-zA-Z_0-9";
    private const string NotWordChars = @"\x00-\x2F\x3A-\x40\x5B-\x5E\x60\x7B-\uFFFF";
    private const string Spaces = @" \t\n\x0B\f\r";
    private const string NotSpaces = @"\x00-\x08\x0E-\x1F\x21-\uFFFF";
    private const string HorizontalSpaces = @" \t\xA0\u1680\u180E\u2000-\u200A\u202F\u205F\u3000";
    private const string VerticalSpaces = @"\n\x0B\f\r\x85\u2028\u2029";

    private static readonly Dictionary<string, string> PropertyClasses = new(StringComparer.Ordinal)
    {
        ["Lower"] = "a-z",
        ["Upper"] = "A-Z",
        ["ASCII"] = @"\x00-\x7F",
        ["Alpha"] = "a-zA-Z",
        ["Digit"] = Digits,
        ["Alnum"] = "a-zA-Z0-9",
        ["Punct"] = @"!-/:-@\[-`{-~",
        ["Graph"] = @"!-~",
        ["Print"] = @" -~",
        ["Blank"] = @" \t",
        ["Cntrl"] = @"\x00-\x1F\x7F",
        ["XDigit"] = "0-9a-fA-F",
        ["Space"] = Spaces,
        ["javaLowerCase"] = @"\p{Ll}",
        ["javaUpperCase"] = @"\p{Lu}",
        ["javaWhitespace"] = @"\t\n\x0B\f\r\x1C-\x1F\p{Zs}\p{Zl}\p{Zp}",
        ["IsAlphabetic"] = @"\p{L}\p{Nl}",
        ["IsLetter"] = @"\p{L}",
        ["IsDigit"] = @"\p{Nd}",
        ["IsUppercase"] = @"\p{Lu}",
        ["IsLowercase"] = @"\p{Ll}",
        ["IsWhite_Space"] = @"\t\n\x0B\f\r\x85\p{Z}",
        ["IsPunctuation"] = @"\p{P}",
    };

    /// <summary>The .NET pattern, anchored, that matches exactly what <paramref name="java"/> fully matches in Java.</summary>
    /// <exception cref="NotSupportedException">When the pattern uses Java class syntax that has no translation.</exception>
    public static string Translate(string java)
    {
        var output = new StringBuilder(java.Length + 32);
        output.Append(@"\A(?:");
        var i = 0;
        while (i < java.Length)
        {
            var c = java[i];
            if (c == '[')
            {
                i = TranslateClass(java, i, output);
                continue;
            }

            if (c == '\\')
            {
                i = TranslateEscape(java, i, output, inClass: false);
                continue;
            }

            if (c == '.')
            {
                output.Append("[^").Append(LineTerminators).Append(']');
            }
            else if (c == '$')
            {
                i = SkipQuantifier(java, i + 1, out var optional) - 1;
                output.Append(optional ? string.Empty : "$");
            }
            else
            {
                output.Append(c);
            }

            i++;
        }

        return output.Append(@")\z").ToString();
    }

    /// <summary>Translates one escape at <paramref name="start"/> (a backslash) and returns the index after it.</summary>
    private static int TranslateEscape(string java, int start, StringBuilder output, bool inClass)
    {
        if (start + 1 >= java.Length)
        {
            throw new NotSupportedException($"The pattern '{java}' ends with a lone backslash.");
        }

        var c = java[start + 1];
        string? set = c switch
        {
            'd' => Digits,
            'D' => NotDigits,
            'w' => WordChars,
            'W' => NotWordChars,
            's' => Spaces,
            'S' => NotSpaces,
            'h' => HorizontalSpaces,
            'v' => VerticalSpaces,
            _ => null,
        };
        if (set is not null)
        {
            AppendSet(output, set, inClass);
            return start + 2;
        }

        if (c is 'p' or 'P' && start + 2 < java.Length && java[start + 2] == '{')
        {
            var close = java.IndexOf('}', start + 3);
            var name = java[(start + 3)..close];
            if (PropertyClasses.TryGetValue(name, out var members))
            {
                if (c == 'P' && inClass)
                {
                    throw new NotSupportedException($"The pattern '{java}' negates \\p{{{name}}} inside a class.");
                }

                output.Append(inClass ? members : (c == 'P' ? "[^" : "[") + members + "]");
            }
            else
            {
                output.Append('\\').Append(c).Append('{').Append(DotNetPropertyName(name)).Append('}');
            }

            return close + 1;
        }

        if (c == 'Q')
        {
            var end = java.IndexOf(@"\E", start + 2, StringComparison.Ordinal);
            var quoted = end < 0 ? java[(start + 2)..] : java[(start + 2)..end];
            output.Append(inClass ? EscapeInClass(quoted) : Regex.Escape(quoted));
            return end < 0 ? java.Length : end + 2;
        }

        if (c == 'x' && start + 2 < java.Length && java[start + 2] == '{')
        {
            var close = java.IndexOf('}', start + 3);
            var codePoint = Convert.ToInt32(java[(start + 3)..close], 16);
            foreach (var unit in char.ConvertFromUtf32(codePoint))
            {
                output.Append(@"\u").Append(((int)unit).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }

            return close + 1;
        }

        output.Append('\\').Append(c);
        return start + 2;
    }

    /// <summary>Translates a character class starting at <paramref name="start"/> and returns the index after it.</summary>
    private static int TranslateClass(string java, int start, StringBuilder output)
    {
        var i = start + 1;
        var negated = i < java.Length && java[i] == '^';
        if (negated)
        {
            i++;
        }

        var body = new StringBuilder();
        var first = true;
        while (i < java.Length && (java[i] != ']' || first))
        {
            var c = java[i];
            if (c == '[' || (c == '&' && i + 1 < java.Length && java[i + 1] == '&'))
            {
                throw new NotSupportedException($"The pattern '{java}' uses a Java-only character class form (nesting or &&).");
            }

            if (c == '\\')
            {
                i = TranslateEscape(java, i, body, inClass: true);
            }
            else
            {
                body.Append(c == ']' ? @"\]" : c);
                i++;
            }

            first = false;
        }

        if (i >= java.Length)
        {
            throw new NotSupportedException($"The pattern '{java}' has an unclosed character class.");
        }

        output.Append('[');
        if (negated)
        {
            output.Append('^');
        }

        output.Append(body);
        if (!negated && body.ToString().Contains(@"\p{", StringComparison.Ordinal))
        {
            output.Append(@"\uD800-\uDFFF");
        }

        output.Append(']');
        return i + 1;
    }

    /// <summary>Skips a quantifier at <paramref name="index"/>, if any; <paramref name="optional"/> when it allows zero.</summary>
    private static int SkipQuantifier(string java, int index, out bool optional)
    {
        optional = false;
        if (index >= java.Length)
        {
            return index;
        }

        var c = java[index];
        int next;
        if (c is '*' or '?')
        {
            optional = true;
            next = index + 1;
        }
        else if (c == '+')
        {
            next = index + 1;
        }
        else if (c == '{' && Regex.Match(java[index..], @"^\{(\d+)(,\d*)?\}") is { Success: true } counted)
        {
            optional = counted.Groups[1].Value.TrimStart('0').Length == 0;
            next = index + counted.Length;
        }
        else
        {
            return index;
        }

        return next < java.Length && java[next] is '?' or '+' ? next + 1 : next;
    }

    private static void AppendSet(StringBuilder output, string set, bool inClass)
    {
        if (inClass)
        {
            output.Append(set);
        }
        else
        {
            output.Append('[').Append(set).Append(']');
        }
    }

    /// <summary>Java's <c>IsL</c> (a category) is .NET's <c>L</c>; Java's <c>InGreek</c> (a block) is .NET's <c>IsGreek</c>.</summary>
    private static string DotNetPropertyName(string name) =>
        name.StartsWith("Is", StringComparison.Ordinal) && name.Length <= 4 ? name[2..]
        : name.StartsWith("In", StringComparison.Ordinal) ? "Is" + name[2..]
        : name;

    private static string EscapeInClass(string text)
    {
        var escaped = new StringBuilder(text.Length * 2);
        foreach (var c in text)
        {
            escaped.Append(char.IsLetterOrDigit(c) ? c.ToString() : "\\" + c);
        }

        return escaped.ToString();
    }
}
