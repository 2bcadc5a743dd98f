using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Sluice.Definitions.Shapes;

/// <summary>
/// One shape of a service model with the constraints it states. Shapes refer to each other (a structure to its
/// members' shapes, a list to its item shape), so a recursive shape is a cycle of references, not an endless tree.
/// </summary>
/// <remarks>Built by <see cref="ServiceShapes"/>: created with its own constraints, then linked once to the shapes it
/// refers to; never changed after loading.</remarks>
public sealed class Shape
{
    /// <summary>The members of every shape that has none (read only, so shared).</summary>
    private static readonly Dictionary<string, ShapeMember> NoMembers = new(StringComparer.Ordinal);

    // A plain dictionary, not a frozen one: hundreds are built at each start-up (a frozen dictionary costs far more to
    // build), and a structure has a few dozen members at most, so lookups are as fast.
    private Dictionary<string, ShapeMember>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _enumLookup;
    private bool _linked;

    /// <summary>Creates a shape that is not yet linked to the shapes it refers to.</summary>
    public Shape(string name, ShapeType type, Bound? min, Bound? max, ModelPattern? pattern, IReadOnlyList<string>? enumValues, bool sensitive)
    {
        Name = name;
        Type = type;
        Min = min;
        Max = max;
        Pattern = pattern;
        Sensitive = sensitive;
        _lookup = NoMembers.GetAlternateLookup<ReadOnlySpan<char>>();
        if (enumValues is not null)
        {
            EnumValues = enumValues.ToFrozenSet(StringComparer.Ordinal);
            _enumLookup = EnumValues.GetAlternateLookup<ReadOnlySpan<char>>();
            EnumText = "Member must satisfy enum value set: [" + string.Join(", ", enumValues) + "]";
        }

        var unit = type is ShapeType.String or ShapeType.List or ShapeType.Map or ShapeType.Blob ? "length" : "value";
        MaxText = max is { } upper ? $"Member must have {unit} less than or equal to {upper.Text}" : null;
        MinText = min is { } lower ? $"Member must have {unit} greater than or equal to {lower.Text}" : null;
        PatternText = pattern is null ? null : "Member must satisfy regular expression pattern: " + pattern.Source;
        Constraints = [.. new[] { MaxText, MinText, PatternText, EnumText }.OfType<string>()];
    }

    /// <summary>The shape's name in the model, e.g. <c>PipelineName</c>.</summary>
    public string Name { get; }

    /// <summary>The shape's type.</summary>
    public ShapeType Type { get; }

    /// <summary>The least length (strings, lists, maps) or value (numbers), if the model states one.</summary>
    public Bound? Min { get; }

    /// <summary>The greatest length (strings, lists, maps) or value (numbers), if the model states one.</summary>
    public Bound? Max { get; }

    /// <summary>The pattern a string must match, if any.</summary>
    public ModelPattern? Pattern { get; }

    /// <summary>The values a string must be one of, if the model states them.</summary>
    public FrozenSet<string>? EnumValues { get; }

    /// <summary>Whether values are secret and never echoed in messages.</summary>
    public bool Sensitive { get; }

    /// <summary>The message for a value over <see cref="Max"/>.</summary>
    public string? MaxText { get; }

    /// <summary>The message for a value under <see cref="Min"/>.</summary>
    public string? MinText { get; }

    /// <summary>The message for a string that does not match <see cref="Pattern"/>.</summary>
    public string? PatternText { get; }

    /// <summary>The message for a string outside <see cref="EnumValues"/>.</summary>
    public string? EnumText { get; }

    /// <summary>Every constraint's message, in the order Coral lists them inside <c>[…]</c>: max, min, pattern, enum.</summary>
    public ImmutableArray<string> Constraints { get; }

    /// <summary>A structure's members, in model order.</summary>
    public ImmutableArray<ShapeMember> Members { get; private set; } = [];

    /// <summary>A structure's required members, in model order.</summary>
    public ImmutableArray<ShapeMember> Required { get; private set; } = [];

    /// <summary>A list's item shape.</summary>
    public Shape? Item { get; private set; }

    /// <summary>A map's key shape.</summary>
    public Shape? Key { get; private set; }

    /// <summary>A map's value shape.</summary>
    public Shape? Value { get; private set; }

    /// <summary>Whether the shape is a single JSON value rather than an object or array.</summary>
    public bool IsScalar => Type is not (ShapeType.Structure or ShapeType.List or ShapeType.Map);

    /// <summary>Finds a structure member by its wire name, without allocating.</summary>
    public bool TryGetMember(ReadOnlySpan<char> name, out ShapeMember member) =>
        _lookup.TryGetValue(name, out member!);

    /// <summary>Whether <paramref name="text"/> is one of <see cref="EnumValues"/>, without allocating.</summary>
    /// <returns><see langword="false"/> also when the shape states no enum.</returns>
    public bool IsEnumValue(ReadOnlySpan<char> text) => EnumValues is not null && _enumLookup.Contains(text);

    /// <summary>Links the shape to the shapes it refers to; once, while loading.</summary>
    /// <exception cref="InvalidOperationException">When the shape was linked already.</exception>
    public void Link(IReadOnlyList<ShapeMember> members, IReadOnlyCollection<string> required, Shape? item, Shape? key, Shape? value)
    {
        if (_linked)
        {
            throw new InvalidOperationException($"Shape {Name} is linked already.");
        }

        _linked = true;
        Members = [.. members];
        Required = [.. members.Where(m => required.Contains(m.Name))];
        _lookup = members.ToDictionary(m => m.Name, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        Item = item;
        Key = key;
        Value = value;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Type})";
}
