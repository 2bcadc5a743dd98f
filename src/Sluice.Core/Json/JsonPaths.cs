using System.Globalization;

namespace Sluice.Core;

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
