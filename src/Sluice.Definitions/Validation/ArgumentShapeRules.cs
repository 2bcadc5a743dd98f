using System.Globalization;
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
        walk.Value(input, arguments, PathNode.Root, 0);
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
    private sealed class Walk(DiagnosticScope scope, string operation, string? nameMember, bool resolved)
    {
        private int _reported;

        public void Value(Shape shape, JsonElement value, PathNode path, int depth)
        {
            if (_reported >= MaxPerStep || depth > MaxDepth || value.ValueKind == JsonValueKind.Null || ExpressionParser.IsExpression(value))
            {
                return; // null counts as absent, as in every AWS JSON service; an expression is known when the step runs
            }

            switch (shape.Type)
            {
                case ShapeType.Structure:
                    Structure(shape, value, path, depth);
                    break;
                case ShapeType.List:
                    List(shape, value, path, depth);
                    break;
                case ShapeType.Map:
                    Map(shape, value, path, depth);
                    break;
                default:
                    Scalar(shape, value, path);
                    break;
            }
        }

        private void Structure(Shape shape, JsonElement value, PathNode path, int depth)
        {
            if (value.ValueKind != JsonValueKind.Object)
            {
                Report(path, $"must be an object ({shape.Name}), not {((JsonElement?)value).Describe()}");
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
                    Report(path.Member(required.Name), $"is required by {operation}");
                }
            }

            foreach (var property in value.EnumerateObject())
            {
                if (depth == 0 && property.Name == nameMember)
                {
                    continue; // the pipeline names the job; SLU211 warns about a long name given anyway
                }

                if (shape.TryGetMember(property.Name, out var member))
                {
                    Value(member.Shape, property.Value, path.Member(property.Name), depth + 1);
                }
            }
        }

        private void List(Shape shape, JsonElement value, PathNode path, int depth)
        {
            if (value.ValueKind != JsonValueKind.Array)
            {
                Report(path, $"must be a list, not {((JsonElement?)value).Describe()}");
                return;
            }

            Count(shape, value.GetArrayLength(), "item", path);
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                Value(shape.Item!, item, path.Index(i++), depth + 1);
            }
        }

        private void Map(Shape shape, JsonElement value, PathNode path, int depth)
        {
            if (value.ValueKind != JsonValueKind.Object)
            {
                Report(path, $"must be an object of names to values, not {((JsonElement?)value).Describe()}");
                return;
            }

            var count = 0;
            foreach (var property in value.EnumerateObject())
            {
                count++;
                var entry = path.Member(property.Name);
                if (shape.Key is { } key && ScalarConstraints.Check(key, property.Name, out var failed) && failed is not null)
                {
                    Report(entry, $"has a name that {Join(failed)}");
                }

                Value(shape.Value!, property.Value, entry, depth + 1);
            }

            Count(shape, count, "entry", path);
        }

        private void Scalar(Shape shape, JsonElement value, PathNode path)
        {
            if (resolved && shape.Type == ShapeType.String && value.ValueKind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
            {
                return;
            }

            if (!ScalarConstraints.Check(shape, value, out var failed))
            {
                Report(path, $"must be {Expected(shape)}, not {Shown(value, shape)}");
                return;
            }

            if (failed is not null && shape.Pattern?.Source == ".*")
            {
                // Read as "any text": scripts passed inline (python3 -c "...") hold newlines, which Java's '.' does not match.
                failed.Remove(shape.PatternText!);
            }

            if (failed is { Count: > 0 })
            {
                Report(path, $"{Shown(value, shape)} breaks {operation}'s rule: {Join(failed)}");
            }
        }

        private void Count(Shape shape, int count, string unit, PathNode path)
        {
            if (shape.Max is { } max && count > max.Value)
            {
                Report(path, $"has {count.ToString(CultureInfo.InvariantCulture)} {unit}s; {operation} allows at most {max.Text}");
            }
            else if (shape.Min is { } min && count < min.Value)
            {
                Report(path, $"has {count.ToString(CultureInfo.InvariantCulture)} {unit}s; {operation} needs at least {min.Text}");
            }
        }

        private void Report(PathNode path, string message)
        {
            if (_reported++ < MaxPerStep)
            {
                scope.Error(DiagnosticCodes.ArgumentShape, path.ToString(), message);
            }
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

    /// <summary>
    /// Where in the Arguments a value is, as a chain of small nodes: the JSON path text is built only for a value that
    /// is reported, so a clean step costs no string work.
    /// </summary>
    private sealed class PathNode(PathNode? parent, string? member, int index)
    {
        public static readonly PathNode Root = new(null, "Arguments", -1);

        public PathNode Member(string name) => new(this, name, -1);

        public PathNode Index(int i) => new(this, null, i);

        public override string ToString() =>
            parent is null ? member! : member is null ? JsonPaths.Index(parent.ToString(), index) : JsonPaths.Member(parent.ToString(), member);
    }
}
