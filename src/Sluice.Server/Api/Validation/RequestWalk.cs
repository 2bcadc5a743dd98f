using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Sluice.Definitions.Shapes;

namespace Sluice.Server.Api.Validation;

/// <summary>
/// One walk of a request body against its input shape: collects every constraint violation in order (a structure's
/// missing required members first, in model order, then its members as the document gives them), and stops at the
/// first value of the wrong JSON type, which is a SerializationException as in Coral, where reading the body comes
/// before validating it. Members the shape does not name are ignored, as AWS JSON services do; <c>null</c> is absent.
/// </summary>
internal sealed class RequestWalk
{
    private const int MaxInlineName = 128;

    private List<string>? _violations;
    private Segment[] _path = new Segment[8];
    private int _depth;

    private RequestWalk()
    {
    }

    /// <summary>Checks <paramref name="body"/> against <paramref name="input"/>.</summary>
    /// <returns>Every violation's text, in order; empty when the body is valid.</returns>
    /// <exception cref="ApiException">A SerializationException when a value has the wrong JSON type.</exception>
    public static IReadOnlyList<string> Run(Shape input, JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new ApiException("SerializationException", body.ValueKind == JsonValueKind.Array
                ? "Start of list found where not expected"
                : "The request body must be a JSON object.");
        }

        var walk = new RequestWalk();
        walk.Structure(input, body);
        return walk._violations ?? [];
    }

    private void Value(Shape shape, JsonElement value)
    {
        switch (shape.Type)
        {
            case ShapeType.Structure:
                Expect(value, JsonValueKind.Object, shape);
                Structure(shape, value);
                break;
            case ShapeType.List:
                Expect(value, JsonValueKind.Array, shape);
                List(shape, value);
                break;
            case ShapeType.Map:
                Expect(value, JsonValueKind.Object, shape);
                Map(shape, value);
                break;
            default:
                if (!ScalarConstraints.Check(shape, value, out var failed))
                {
                    throw Mismatch(value, shape);
                }

                for (var i = 0; failed is not null && i < failed.Count; i++)
                {
                    Add(Echo(shape, value), failed[i]);
                }

                break;
        }
    }

    private void Structure(Shape shape, JsonElement value)
    {
        foreach (var member in shape.Required)
        {
            if (!value.TryGetProperty(member.Name, out var present) || present.ValueKind == JsonValueKind.Null)
            {
                Push(new Segment(member.PathName, 0));
                Add("null", "Member must not be null");
                Pop();
            }
        }

        Span<char> buffer = stackalloc char[MaxInlineName];
        foreach (var property in value.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Null || !FindMember(shape, property, buffer, out var member))
            {
                continue;
            }

            Push(new Segment(member.PathName, 0));
            Value(member.Shape, property.Value);
            Pop();
        }
    }

    private void List(Shape shape, JsonElement value)
    {
        Length(shape, value, value.GetArrayLength());
        var item = shape.Item!;
        if (item.IsScalar)
        {
            Items(item, value, "Member");
            return;
        }

        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            Push(new Segment(null, ++index));
            if (element.ValueKind == JsonValueKind.Null)
            {
                Add("null", "Member must not be null");
            }
            else
            {
                Value(item, element);
            }

            Pop();
        }
    }

    private void Map(Shape shape, JsonElement value)
    {
        var count = 0;
        foreach (var unused in value.EnumerateObject())
        {
            count++;
        }

        Length(shape, value, count);
        var keyFailed = false;
        foreach (var entry in value.EnumerateObject())
        {
            keyFailed |= ScalarConstraints.Check(shape.Key!, entry.Name, out var failed) && failed is not null;
        }

        if (keyFailed)
        {
            Add(CoralText.Echo(value), CoralText.Nested("Map keys", shape.Key!.Constraints));
        }

        if (shape.Value!.IsScalar)
        {
            Items(shape.Value, value, "Map value");
            return;
        }

        foreach (var entry in value.EnumerateObject())
        {
            Push(new Segment(entry.Name, -1));
            if (entry.Value.ValueKind == JsonValueKind.Null)
            {
                Add("null", "Member must not be null");
            }
            else
            {
                Value(shape.Value, entry.Value);
            }

            Pop();
        }
    }

    /// <summary>
    /// Scalar items of a list (or values of a map): Coral gives one violation for the whole, naming every constraint of
    /// the item shape, e.g. <c>Member must satisfy constraint: [Member must have length less than or equal to 68, …]</c>.
    /// </summary>
    private void Items(Shape item, JsonElement whole, string prefix)
    {
        var failedAny = false;
        var nullAny = false;
        if (whole.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var element in whole.EnumerateArray())
            {
                Check(element, new Segment(null, ++index));
            }
        }
        else
        {
            foreach (var entry in whole.EnumerateObject())
            {
                Check(entry.Value, new Segment(entry.Name, -1));
            }
        }

        if (failedAny || nullAny)
        {
            var constraints = nullAny ? item.Constraints.Add("Member must not be null") : item.Constraints;
            Add(item.Sensitive ? null : CoralText.Echo(whole), CoralText.Nested(prefix, constraints));
        }

        void Check(JsonElement element, Segment segment)
        {
            if (element.ValueKind == JsonValueKind.Null)
            {
                nullAny = true;
            }
            else if (ScalarConstraints.Check(item, element, out var failed))
            {
                failedAny |= failed is not null;
            }
            else
            {
                Push(segment);
                throw Mismatch(element, item);
            }
        }
    }

    private void Length(Shape shape, JsonElement value, int count)
    {
        if (shape.Max is { } max && count > max.Value)
        {
            Add(CoralText.Echo(value), shape.MaxText!);
        }

        if (shape.Min is { } min && count < min.Value)
        {
            Add(CoralText.Echo(value), shape.MinText!);
        }
    }

    /// <summary>Finds the member a property names, decoding its UTF-8 name into a stack buffer rather than a new string.</summary>
    private static bool FindMember(Shape shape, JsonProperty property, Span<char> buffer, out ShapeMember member)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        if (raw.Length <= buffer.Length && raw.IndexOf((byte)'\\') < 0
            && Encoding.UTF8.TryGetChars(raw, buffer, out var written))
        {
            return shape.TryGetMember(buffer[..written], out member);
        }

        return shape.TryGetMember(property.Name, out member);
    }

    private static string? Echo(Shape shape, JsonElement value) => shape.Sensitive ? null : CoralText.Echo(value);

    private void Expect(JsonElement value, JsonValueKind kind, Shape shape)
    {
        if (value.ValueKind != kind)
        {
            throw Mismatch(value, shape);
        }
    }

    private ApiException Mismatch(JsonElement value, Shape shape) =>
        new("SerializationException", $"{CoralText.Mismatch(value, shape.Type)} at '{Path()}'");

    private void Add(string? value, string constraint) => (_violations ??= []).Add(CoralText.Violation(value, Path(), constraint));

    private void Push(Segment segment)
    {
        if (_depth == _path.Length)
        {
            Array.Resize(ref _path, _path.Length * 2);
        }

        _path[_depth++] = segment;
    }

    private void Pop() => _depth--;

    /// <summary>The current path as Coral writes it: <c>pipelineParameters.1.member.name</c>, <c>tags.key.member</c>.</summary>
    private string Path()
    {
        var text = new StringBuilder();
        for (var i = 0; i < _depth; i++)
        {
            var segment = _path[i];
            text.Append(i == 0 ? string.Empty : ".");
            if (segment.Index > 0)
            {
                text.Append(segment.Index).Append(".member");
            }
            else if (segment.Index < 0)
            {
                text.Append(segment.Name).Append(".member");
            }
            else
            {
                text.Append(segment.Name);
            }
        }

        return text.ToString();
    }

    /// <summary>One step of a path: a member (index 0), a list item (its 1-based index) or a map entry (index -1).</summary>
    private readonly record struct Segment(string? Name, int Index);
}
