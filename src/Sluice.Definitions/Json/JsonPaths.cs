using System.Globalization;

namespace Sluice.Definitions.Json;

/// <summary>
/// Builds the JSON paths Sluice uses in its messages: members joined with dots, array items as <c>[n]</c>,
/// and members that are not plain identifiers as <c>['name']</c>, the same notation SageMaker property paths use.
/// </summary>
public static class JsonPaths
{
    /// <summary>Appends a member name to a path.</summary>
    public static string Member(string parent, string name)
    {
        if (!IsIdentifier(name))
        {
            return parent + "['" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "']";
        }

        return parent.Length == 0 ? name : parent + "." + name;
    }

    /// <summary>Appends an array index to a path.</summary>
    public static string Index(string parent, int index) => parent + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>Joins a path and a relative path below it.</summary>
    public static string Combine(string parent, string relative)
    {
        if (relative.Length == 0)
        {
            return parent;
        }

        if (parent.Length == 0 || relative[0] == '[')
        {
            return parent + relative;
        }

        return parent + "." + relative;
    }

    /// <summary>The part of a path below one of its ancestors: <c>Arguments.RoleArn</c> of <c>Steps[2].Arguments.RoleArn</c> below <c>Steps[2]</c>.</summary>
    /// <param name="ancestor">A path that <paramref name="path"/> starts with; empty for the root.</param>
    /// <param name="path">The full path.</param>
    /// <returns>The relative path, which <see cref="Combine"/> joins back to <paramref name="path"/>.</returns>
    public static string Relative(string ancestor, string path)
    {
        if (ancestor.Length == 0 || !path.StartsWith(ancestor, StringComparison.Ordinal))
        {
            return path;
        }

        var rest = path[ancestor.Length..];
        return rest.StartsWith('.') ? rest[1..] : rest;
    }

    /// <summary>
    /// Whether a member name's raw UTF-8 bytes are a plain identifier as <see cref="Member"/> reads one, all ASCII and
    /// without escapes: such a name is written as its bytes, after a dot.
    /// </summary>
    internal static bool IsPlainAscii(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length == 0)
        {
            return false;
        }

        foreach (var b in utf8)
        {
            if (!(char.IsAsciiLetterOrDigit((char)b) || b is (byte)'_' or (byte)'-' or (byte)':' or (byte)'@' or (byte)'$'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsIdentifier(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or ':' or '@' or '$'))
            {
                return false;
            }
        }

        return true;
    }
}
