using System.Text.Json;
using Sluice.Definitions;
using Sluice.Definitions.Expressions;

namespace Sluice.Definitions.Validation;

/// <summary>
/// The shapes of the Describe* responses that job steps expose as properties, generated from botocore's SageMaker
/// model by scripts/generate-property-shapes.py, used to check <c>Steps.S.Path</c> references before anything runs.
/// </summary>
internal sealed class PropertyShapes
{
    private static readonly Lazy<PropertyShapes> Shared = new(Load);

    private readonly Dictionary<string, Shape> _shapes;
    private readonly Dictionary<string, string[]> _roots;

    private PropertyShapes(Dictionary<string, Shape> shapes, Dictionary<string, string[]> roots)
    {
        _shapes = shapes;
        _roots = roots;
    }

    public static PropertyShapes Instance => Shared.Value;

    /// <summary>Checks a property path against the properties of a step type.</summary>
    /// <returns><see langword="null"/> when the path is valid or the type's shape is unknown; otherwise what is wrong.</returns>
    public string? Check(StepType type, PropertyPath path)
    {
        if (!_roots.TryGetValue(type.ToString(), out var roots))
        {
            return null;
        }

        var first = path.Segments[0] as PropertyPathSegment.Member;
        foreach (var root in roots)
        {
            if (first is not null && _shapes[root].Members?.ContainsKey(first.Name) == true)
            {
                return Walk(root, path);
            }
        }

        var members = roots.SelectMany(r => _shapes[r].Members?.Keys ?? Enumerable.Empty<string>()).ToList();
        var name = first?.Name ?? path.Segments[0].ToString();
        return $"'{name}' is not a property of {type} steps{Spelling.Hint(name, members)}";
    }

    private static PropertyShapes Load()
    {
        using var stream = typeof(PropertyShapes).Assembly.GetManifestResourceStream("Sluice.Definitions.PropertyShapes.json")
            ?? throw new InvalidOperationException("The PropertyShapes.json resource is missing from Sluice.Definitions.");
        using var document = JsonDocument.Parse(stream);
        var shapes = new Dictionary<string, Shape>(StringComparer.Ordinal);
        foreach (var shape in document.RootElement.GetProperty("shapes").EnumerateObject())
        {
            Dictionary<string, string>? members = null;
            if (shape.Value.TryGetProperty("members", out var m))
            {
                members = m.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
            }

            shapes[shape.Name] = new Shape(
                members,
                shape.Value.TryGetProperty("item", out var item) ? item.GetString() : null,
                shape.Value.TryGetProperty("value", out var value) ? value.GetString() : null);
        }

        var roots = document.RootElement.GetProperty("roots").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(e => e.GetString()!).ToArray(), StringComparer.Ordinal);
        return new PropertyShapes(shapes, roots);
    }

    private string? Walk(string root, PropertyPath path)
    {
        var shapeName = root;
        var segments = path.Segments;
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            var shape = _shapes[shapeName];
            string? next = segment switch
            {
                PropertyPathSegment.Member member => shape.Members?.GetValueOrDefault(member.Name),
                PropertyPathSegment.Index => shape.Item,
                PropertyPathSegment.Key => shape.Item ?? shape.Value, // the SDK keys some lists by name, e.g. Outputs['train']
                _ => null,
            };

            if (next is null)
            {
                return Explain(shape, segment, Walked(segments, i));
            }

            shapeName = next;
        }

        return null;
    }

    /// <summary>The text of the first <paramref name="count"/> segments, for a message: built only when a path does not fit.</summary>
    private static string Walked(IReadOnlyList<PropertyPathSegment> segments, int count)
    {
        var walked = string.Empty;
        for (var i = 0; i < count; i++)
        {
            var segment = segments[i];
            walked = segment is PropertyPathSegment.Member && walked.Length > 0 ? walked + "." + segment : walked + segment;
        }

        return walked;
    }

    private static string Explain(Shape shape, PropertyPathSegment segment, string walked)
    {
        var at = walked.Length == 0 ? "the step's properties" : $"'{walked}'";
        return (segment, shape) switch
        {
            (PropertyPathSegment.Member m, { Members: { } members }) => $"{at} has no member '{m.Name}'{Spelling.Hint(m.Name, members.Keys)}",
            (PropertyPathSegment.Member m, { Item: not null }) => $"{at} is a list; read an item with [0] or ['name'] before '{m.Name}'",
            (PropertyPathSegment.Member m, { Value: not null }) => $"{at} is a map; read an entry with ['key'] before '{m.Name}'",
            (PropertyPathSegment.Member m, _) => $"{at} is a single value and has no member '{m.Name}'",
            (_, { Members: not null }) => $"{at} is an object; {segment} does not apply to it",
            _ => $"{at} is a single value; {segment} does not apply to it",
        };
    }

    private sealed record Shape(Dictionary<string, string>? Members, string? Item, string? Value);
}
