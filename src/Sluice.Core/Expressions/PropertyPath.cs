using System.Globalization;
using System.Text;

namespace Sluice.Definitions.Expressions;

/// <summary>One segment of a <see cref="PropertyPath"/>.</summary>
public abstract record PropertyPathSegment
{
    /// <summary><c>.Name</c>: a member of an object.</summary>
    /// <param name="Name">The member's name.</param>
    public sealed record Member(string Name) : PropertyPathSegment
    {
        /// <inheritdoc />
        public override string ToString() => Name;
    }

    /// <summary><c>[n]</c>: an item of a list.</summary>
    /// <param name="Position">The zero-based position.</param>
    public sealed record Index(int Position) : PropertyPathSegment
    {
        /// <inheritdoc />
        public override string ToString() => "[" + Position.ToString(CultureInfo.InvariantCulture) + "]";
    }

    /// <summary><c>['key']</c>: an entry of a map, or an item of a list keyed by its name.</summary>
    /// <param name="Value">The key.</param>
    public sealed record Key(string Value) : PropertyPathSegment
    {
        /// <inheritdoc />
        public override string ToString() => "['" + Value + "']";
    }
}

/// <summary>
/// A path into a JSON document in the notation SageMaker uses for step properties and <c>Std:JsonGet</c>:
/// members separated by dots, list items as <c>[0]</c>, and keyed items as <c>['key']</c> or <c>["key"]</c>.
/// </summary>
public sealed record PropertyPath
{
    private PropertyPath(IReadOnlyList<PropertyPathSegment> segments) => Segments = segments;

    /// <summary>The segments in order.</summary>
    public IReadOnlyList<PropertyPathSegment> Segments { get; }

    /// <summary>Parses a path such as <c>ProcessingOutputConfig.Outputs['train'].S3Output.S3Uri</c>.</summary>
    /// <param name="text">The path text.</param>
    /// <param name="path">The parsed path, when the text is well formed.</param>
    /// <param name="error">What is wrong with the text, when it is not.</param>
    /// <returns>Whether the text is a well-formed path.</returns>
    public static bool TryParse(string text, out PropertyPath path, out string? error)
    {
        var segments = new List<PropertyPathSegment>();
        path = new PropertyPath(segments);
        error = null;
        var i = 0;
        var expectMember = true;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '[')
            {
                if (!TryReadBracket(text, ref i, segments, out error))
                {
                    return false;
                }

                expectMember = false;
                continue;
            }

            if (c == '.')
            {
                if (expectMember)
                {
                    error = $"empty member name at position {i}";
                    return false;
                }

                i++;
                expectMember = true;
                if (i == text.Length)
                {
                    error = "the path ends with '.'";
                    return false;
                }

                continue;
            }

            if (!expectMember)
            {
                error = $"expected '.' or '[' at position {i}";
                return false;
            }

            var start = i;
            while (i < text.Length && text[i] is not ('.' or '['))
            {
                i++;
            }

            segments.Add(new PropertyPathSegment.Member(text[start..i]));
            expectMember = false;
        }

        if (segments.Count == 0)
        {
            error = "the path is empty";
            return false;
        }

        return true;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var segment in Segments)
        {
            if (segment is PropertyPathSegment.Member && sb.Length > 0)
            {
                sb.Append('.');
            }

            sb.Append(segment);
        }

        return sb.ToString();
    }

    /// <summary>Structural equality over the segments.</summary>
    /// <param name="other">The other path.</param>
    /// <returns>Whether both paths have the same segments.</returns>
    public bool Equals(PropertyPath? other) => other is not null && Segments.SequenceEqual(other.Segments);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var segment in Segments)
        {
            hash.Add(segment);
        }

        return hash.ToHashCode();
    }

    private static bool TryReadBracket(string text, ref int i, List<PropertyPathSegment> segments, out string? error)
    {
        error = null;
        var open = i;
        i++;
        if (i < text.Length && text[i] is '\'' or '"')
        {
            var quote = text[i];
            var close = text.IndexOf(quote, i + 1);
            if (close < 0 || close + 1 >= text.Length || text[close + 1] != ']')
            {
                error = $"unterminated key at position {open}";
                return false;
            }

            segments.Add(new PropertyPathSegment.Key(text[(i + 1)..close]));
            i = close + 2;
            return true;
        }

        var end = text.IndexOf(']', i);
        if (end < 0)
        {
            error = $"unterminated '[' at position {open}";
            return false;
        }

        if (!int.TryParse(text.AsSpan(i, end - i), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            error = $"'[{text[i..end]}]' is neither a list index nor a quoted key";
            return false;
        }

        segments.Add(new PropertyPathSegment.Index(index));
        i = end + 1;
        return true;
    }
}
