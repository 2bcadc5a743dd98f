using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Sluice.Definitions.Expressions;
using Sluice.Definitions.Json;
using Sluice.Definitions.Shapes;

namespace Sluice.Definitions.Validation;

/// <summary>
/// Checks a job step's Arguments against the request they become: a Processing step's are a CreateProcessingJob
/// request, a Training step's a CreateTrainingJob request, and so on (<see cref="ServiceShapes.StepArguments"/>, from
/// botocore's model). SageMaker refuses such a request when the step runs; this finds the same mistakes when the
/// definition is validated: a value of the wrong type (<c>InstanceCount: "one"</c>, a list as a hyperparameter), a
/// missing required member, and a number, length, pattern or enum the model does not allow.
/// </summary>
/// <remarks>
/// Only literal values are checked: a value that is an expression (a parameter, a property, <c>Std:Join</c>) is known
/// only when the step runs. The job's name is neither required nor checked, since the pipeline names the job
/// (<see cref="DiagnosticCodes.JobName"/> warns about a long one). Members the model does
/// not know are left alone, as SageMaker's own pipeline service leaves them. The model's pattern <c>.*</c> is read as any
/// text, newlines included.
/// </remarks>
public static class ArgumentShapeRules
{
    /// <summary>At most this many problems are reported per step, so a badly broken step does not flood the output.</summary>
    private const int MaxPerStep = 20;

    /// <summary>Beyond this depth values are not walked (no real request comes close; a hostile one must not recurse forever).</summary>
    private const int MaxDepth = 64;

    /// <summary>
    /// Checks a job step's Arguments once every expression in them has its value, as SageMaker checks the job request
    /// when the step starts: the engine fails the step with the first problem rather than run a job on a request
    /// SageMaker would refuse (a parameter that made <c>MaxRuntimeInSeconds</c> negative, say).
    /// </summary>
    /// <param name="type">The step's type; only job steps have a request shape.</param>
    /// <param name="arguments">The resolved Arguments.</param>
    /// <returns>The first problem as <c>Arguments.Path: problem</c>, or <see langword="null"/> when there is none.</returns>
    public static string? FirstProblem(StepType type, JsonElement arguments)
    {
        if (arguments.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var diagnostics = new List<Diagnostic>();
        Check(type, arguments, new DiagnosticScope(diagnostics, string.Empty, null), resolved: true);
        return diagnostics.Count == 0 ? null : $"{diagnostics[0].MemberPath}: {diagnostics[0].Message}";
    }

    internal static void Check(StepType type, JsonElement? stepArguments, DiagnosticScope scope, bool resolved = false)
    {
        if (stepArguments is not { ValueKind: JsonValueKind.Object } arguments || OperationOf(type) is not var (operation, nameMember))
        {
            return;
        }

        if (ServiceShapes.StepArguments.InputOf("SageMaker." + operation) is not { } input)
        {
            return;
        }

        var walk = new Walk(scope, operation, nameMember, resolved);
        walk.Value(input, arguments, 0);
    }

    /// <summary>The request a step type's Arguments are, and the member naming the job (which the pipeline supplies).</summary>
    private static (string Operation, string? NameMember)? OperationOf(StepType type) => type switch
    {
        StepType.Processing => ("CreateProcessingJob", "ProcessingJobName"),
        StepType.Training => ("CreateTrainingJob", "TrainingJobName"),
        StepType.Transform => ("CreateTransformJob", "TransformJobName"),
        StepType.Tuning => ("CreateHyperParameterTuningJob", "HyperParameterTuningJobName"),
        StepType.Model => ("CreateModel", "ModelName"),
        StepType.RegisterModel => ("CreateModelPackage", null),
        _ => null,
    };

    /// <summary>One walk over one step's Arguments, counting what it reported.</summary>
    /// <param name="scope">Where problems go.</param>
    /// <param name="operation">The request's operation, for messages.</param>
    /// <param name="nameMember">The member naming the job, which the pipeline supplies.</param>
    /// <param name="resolved">
    /// Whether expressions have their values already. A number or boolean a parameter put where a string belongs (an
    /// Integer parameter as a hyperparameter) is then its text, as SageMaker writes it into the job request.
    /// </param>
    /// <remarks>
    /// A clean step costs no allocation per value: member names are looked up from the document's UTF-8 bytes, string
    /// values are checked as spans, and the path to a value is a stack of the properties and indexes above it, turned
    /// into JSON path text only for a value that is reported.
    /// </remarks>
    private sealed class Walk(DiagnosticScope scope, string operation, string? nameMember, bool resolved)
    {
        /// <summary>Names and texts up to this many characters are decoded on the stack; longer ones are rare and allocate.</summary>
        private const int StackChars = 256;

        private readonly List<Segment> _path = [];
        private int _reported;

        public void Value(Shape shape, JsonElement value, int depth)
        {
            if (_reported >= MaxPerStep || depth > MaxDepth || value.ValueKind == JsonValueKind.Null || ExpressionParser.IsExpression(value))
            {
                return; // null counts as absent, as in every AWS JSON service; an expression is known when the step runs
            }

            switch (shape.Type)
            {
                case ShapeType.Structure:
                    Structure(shape, value, depth);
                    break;
                case ShapeType.List:
                    List(shape, value, depth);
                    break;
                case ShapeType.Map:
                    Map(shape, value, depth);
                    break;
                default:
                    Scalar(shape, value);
                    break;
            }
        }

        private void Structure(Shape shape, JsonElement value, int depth)
        {
            if (value.ValueKind != JsonValueKind.Object)
            {
                Report(null, $"must be an object ({shape.Name}), not {((JsonElement?)value).Describe()}");
                return;
            }

            foreach (var required in shape.Required)
            {
                if (depth == 0 && required.Name == nameMember)
                {
                    continue;
                }

                if (value.Member(required.Name).IsNullOrMissing())
                {
                    Report(required.Name, $"is required by {operation}");
                }
            }

            Span<char> buffer = stackalloc char[StackChars];
            foreach (var property in value.EnumerateObject())
            {
                var name = NameOf(property, buffer);
                if (depth == 0 && nameMember is not null && name.SequenceEqual(nameMember))
                {
                    continue; // the pipeline names the job; SLU211 warns about a long name given anyway
                }

                if (shape.TryGetMember(name, out var member))
                {
                    _path.Add(new Segment(property, -1));
                    Value(member.Shape, property.Value, depth + 1);
                    _path.RemoveAt(_path.Count - 1);
                }
            }
        }

        private void List(Shape shape, JsonElement value, int depth)
        {
            if (value.ValueKind != JsonValueKind.Array)
            {
                Report(null, $"must be a list, not {((JsonElement?)value).Describe()}");
                return;
            }

            Count(shape, value.GetArrayLength(), "items");
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                _path.Add(new Segment(null, i++));
                Value(shape.Item!, item, depth + 1);
                _path.RemoveAt(_path.Count - 1);
            }
        }

        private void Map(Shape shape, JsonElement value, int depth)
        {
            if (value.ValueKind != JsonValueKind.Object)
            {
                Report(null, $"must be an object of names to values, not {((JsonElement?)value).Describe()}");
                return;
            }

            var count = 0;
            var checkKeys = shape.Key is { } keyShape && ScalarConstraints.ConstrainsText(keyShape, anyTextPattern: false);
            Span<char> buffer = stackalloc char[StackChars];
            foreach (var property in value.EnumerateObject())
            {
                count++;
                _path.Add(new Segment(property, -1));
                if (checkKeys && ScalarConstraints.Check(shape.Key!, NameOf(property, buffer), out var failed) && failed is not null)
                {
                    Report(null, $"has a name that {Join(failed)}");
                }

                Value(shape.Value!, property.Value, depth + 1);
                _path.RemoveAt(_path.Count - 1);
            }

            Count(shape, count, "entries");
        }

        private void Scalar(Shape shape, JsonElement value)
        {
            if (resolved && shape.Type == ShapeType.String && value.ValueKind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
            {
                return;
            }

            List<string>? failed;
            if (shape.Type == ShapeType.String && value.ValueKind == JsonValueKind.String)
            {
                // The model's pattern .* is read as any text: scripts passed inline (python3 -c "...") hold newlines,
                // which Java's '.' does not match. A string with nothing else to break is not even decoded.
                if (!ScalarConstraints.ConstrainsText(shape, anyTextPattern: true))
                {
                    return;
                }

                Span<char> buffer = stackalloc char[StackChars];
                ScalarConstraints.Check(shape, TextOf(value, buffer), out failed, anyTextPattern: true);
            }
            else if (!ScalarConstraints.Check(shape, value, out failed))
            {
                Report(null, $"must be {Expected(shape)}, not {Shown(value, shape)}");
                return;
            }

            if (failed is { Count: > 0 })
            {
                Report(null, $"{Shown(value, shape)} breaks {operation}'s rule: {Join(failed)}");
            }
        }

        /// <summary>A property's name, decoded into <paramref name="buffer"/> when it is short and has no escapes.</summary>
        private static ReadOnlySpan<char> NameOf(JsonProperty property, Span<char> buffer)
        {
            var raw = JsonMarshal.GetRawUtf8PropertyName(property);
            return raw.Length <= buffer.Length && raw.IndexOf((byte)'\\') < 0
                ? buffer[..Encoding.UTF8.GetChars(raw, buffer)]
                : property.Name;
        }

        /// <summary>A JSON string's text, decoded into <paramref name="buffer"/> when it is short and has no escapes.</summary>
        private static ReadOnlySpan<char> TextOf(JsonElement value, Span<char> buffer)
        {
            var raw = JsonMarshal.GetRawUtf8Value(value);
            var body = raw.Length >= 2 ? raw[1..^1] : raw; // without the quotes
            return body.Length <= buffer.Length && body.IndexOf((byte)'\\') < 0
                ? buffer[..Encoding.UTF8.GetChars(body, buffer)]
                : value.GetString();
        }

        private void Count(Shape shape, int count, string units)
        {
            if (shape.Max is { } max && count > max.Value)
            {
                Report(null, $"has {count.ToString(CultureInfo.InvariantCulture)} {units}; {operation} allows at most {max.Text}");
            }
            else if (shape.Min is { } min && count < min.Value)
            {
                Report(null, $"has {count.ToString(CultureInfo.InvariantCulture)} {units}; {operation} needs at least {min.Text}");
            }
        }

        /// <summary>Reports a problem at the value the walk is at, or at its member <paramref name="member"/>.</summary>
        private void Report(string? member, string message)
        {
            if (_reported++ < MaxPerStep)
            {
                scope.Error(DiagnosticCodes.ArgumentShape, PathText(member), message);
            }
        }

        /// <summary>The JSON path of the value the walk is at (or of its member), built only for a reported value.</summary>
        private string PathText(string? member)
        {
            var path = "Arguments";
            foreach (var segment in _path)
            {
                path = segment.Property is { } property ? JsonPaths.Member(path, property.Name) : JsonPaths.Index(path, segment.Index);
            }

            return member is null ? path : JsonPaths.Member(path, member);
        }

        private static string Expected(Shape shape) => shape.Type switch
        {
            ShapeType.String => "a string",
            ShapeType.Integer or ShapeType.Long => "a whole number",
            ShapeType.Float or ShapeType.Double => "a number",
            ShapeType.Boolean => "true or false",
            ShapeType.Timestamp => "a time (epoch seconds or ISO 8601)",
            ShapeType.Blob => "base64 text",
            _ => shape.Type.ToString().ToLowerInvariant(),
        };

        /// <summary>The value as written (shortened), or its kind; a secret member's value is never echoed.</summary>
        private static string Shown(JsonElement value, Shape shape)
        {
            if (shape.Sensitive || value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            {
                return ((JsonElement?)value).Describe();
            }

            var text = value.GetRawText();
            return text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");
        }

        /// <summary>Coral's constraint texts ("Member must have value greater than or equal to 1") without "Member".</summary>
        private static string Join(List<string> failed) =>
            string.Join("; ", failed.Select(f => f.StartsWith("Member ", StringComparison.Ordinal) ? f[7..] : f));
    }

    /// <summary>One step of the path from the Arguments to a value: an object's property or a list's index.</summary>
    /// <param name="Property">The property, or <see langword="null"/> for a list item.</param>
    /// <param name="Index">The item's index in its list.</param>
    private readonly record struct Segment(JsonProperty? Property, int Index);
}
