using System.Globalization;
using System.Text;
using Sluice.Definitions.Json;

namespace Sluice.Core.Export.StepFunctions;

/// <summary>JSONPath and intrinsic-function text for the Amazon States Language.</summary>
internal static class AslText
{
    /// <summary>The JSONPath of a member: <c>.Name</c> when it is a plain identifier, else <c>['na-me']</c>.</summary>
    public static string Member(string parent, string name)
    {
        var plain = name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_')
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
        if (plain)
        {
            return parent + "." + name;
        }

        return parent + "['" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "']";
    }

    /// <summary>The JSONPath of a list item.</summary>
    public static string Index(string parent, int index) => parent + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>A string literal inside an intrinsic function: <c>'text'</c> with <c>' { } \</c> escaped.</summary>
    public static string Literal(string text) => "'" + EscapeForFormat(text) + "'";

    /// <summary>Escapes the characters intrinsic-function strings treat specially.</summary>
    public static string EscapeForFormat(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '\'' or '{' or '}' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>Whether a text is a JSONPath of the state (<c>$...</c>) rather than of the context object or an intrinsic call.</summary>
    public static bool IsStatePath(string expression) => expression == "$" || expression.StartsWith("$.", StringComparison.Ordinal) || expression.StartsWith("$[", StringComparison.Ordinal);
}
