using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;

namespace Sluice.Definitions.Shapes;

/// <summary>
/// Input shapes of AWS operations by <c>X-Amz-Target</c> (e.g. <c>SageMaker.CreatePipeline</c>), loaded from a file that
/// scripts/generate-request-shapes.py writes from botocore's service models: the server's RequestShapes.json (every
/// operation <c>sluice serve</c> answers) and this assembly's ArgumentShapes.json (the Create*Job requests whose
/// members job steps' Arguments are).
/// </summary>
public sealed class ServiceShapes
{
    private static readonly Lazy<ServiceShapes> Arguments = new(
        () => Load(typeof(ServiceShapes).Assembly, "Sluice.Definitions.ArgumentShapes.json", compiledPatterns: false),
        LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly FrozenDictionary<string, Shape> _inputs;

    private ServiceShapes(string source, FrozenDictionary<string, Shape> inputs, IReadOnlyList<Shape> shapes, IReadOnlyList<ModelPattern> patterns)
    {
        Source = source;
        _inputs = inputs;
        Shapes = shapes;
        Patterns = patterns;
    }

    /// <summary>
    /// The input shapes of the requests job steps' Arguments are (CreateProcessingJob, CreateTrainingJob,
    /// CreateTransformJob, CreateHyperParameterTuningJob, CreateModel, CreateModelPackage), loaded on first use.
    /// </summary>
    public static ServiceShapes StepArguments => Arguments.Value;

    /// <summary>Where the shapes came from, e.g. <c>botocore 1.43.11</c>.</summary>
    public string Source { get; }

    /// <summary>Every target with a modeled input, e.g. <c>SageMaker.CreatePipeline</c>.</summary>
    public IEnumerable<string> Targets => _inputs.Keys;

    /// <summary>Every shape of every service.</summary>
    public IReadOnlyList<Shape> Shapes { get; }

    /// <summary>Every distinct pattern, each compiled on first use.</summary>
    public IReadOnlyList<ModelPattern> Patterns { get; }

    /// <summary>The input shape of a target, if the model has one.</summary>
    public Shape? InputOf(string target) => _inputs.GetValueOrDefault(target);

    /// <summary>Loads the shapes from an embedded resource.</summary>
    /// <param name="assembly">The assembly holding the resource.</param>
    /// <param name="resourceName">The resource's logical name.</param>
    /// <param name="compiledPatterns">Whether patterns compile to IL (for a long-lived server; see <see cref="ModelPattern"/>).</param>
    /// <returns>The shapes.</returns>
    /// <exception cref="InvalidOperationException">When the resource is missing or refers to a shape it does not define.</exception>
    public static ServiceShapes Load(System.Reflection.Assembly assembly, string resourceName, bool compiledPatterns = true)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The {resourceName} resource is missing from {assembly.GetName().Name}.");
        using var document = JsonDocument.Parse(stream);
        return Parse(document.RootElement, compiledPatterns);
    }

    /// <summary>Reads the shapes from the JSON that scripts/generate-request-shapes.py writes.</summary>
    /// <param name="root">The file's root object.</param>
    /// <param name="compiledPatterns">Whether patterns compile to IL (for a long-lived server; see <see cref="ModelPattern"/>).</param>
    /// <returns>The shapes.</returns>
    /// <exception cref="InvalidOperationException">When a shape refers to a shape the service does not define.</exception>
    public static ServiceShapes Parse(JsonElement root, bool compiledPatterns = true)
    {
        var inputs = new Dictionary<string, Shape>(StringComparer.Ordinal);
        var all = new List<Shape>();
        var patterns = new Dictionary<string, ModelPattern>(StringComparer.Ordinal);
        foreach (var service in root.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object))
        {
            var shapes = new Dictionary<string, Shape>(StringComparer.Ordinal);
            var definitions = service.Value.GetProperty("shapes");
            foreach (var definition in definitions.EnumerateObject())
            {
                shapes[definition.Name] = Create(definition.Name, definition.Value, patterns, compiledPatterns);
            }

            Shape Find(string name) => shapes.TryGetValue(name, out var shape)
                ? shape
                : throw new InvalidOperationException($"{service.Name} shape {name} is referred to but not defined.");

            foreach (var definition in definitions.EnumerateObject())
            {
                var members = definition.Value.TryGetProperty("members", out var m)
                    ? m.EnumerateObject().Select(p => new ShapeMember(p.Name, Camel(p.Name), Find(p.Value.GetString()!))).ToList()
                    : [];
                var required = definition.Value.TryGetProperty("required", out var r)
                    ? r.EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal)
                    : [];
                shapes[definition.Name].Link(members, required, Reference("member"), Reference("key"), Reference("value"));

                Shape? Reference(string part) =>
                    definition.Value.TryGetProperty(part, out var name) ? Find(name.GetString()!) : null;
            }

            foreach (var operation in service.Value.GetProperty("operations").EnumerateObject())
            {
                if (operation.Value.ValueKind == JsonValueKind.String)
                {
                    inputs[service.Name + "." + operation.Name] = Find(operation.Value.GetString()!);
                }
            }

            all.AddRange(shapes.Values);
        }

        var source = root.TryGetProperty("source", out var s) ? s.GetString() ?? string.Empty : string.Empty;
        return new ServiceShapes(source, inputs.ToFrozenDictionary(StringComparer.Ordinal), all, [.. patterns.Values]);
    }

    private static Shape Create(string name, JsonElement definition, Dictionary<string, ModelPattern> patterns, bool compiled)
    {
        var typeName = definition.GetProperty("type").GetString()!;
        var type = Enum.Parse<ShapeType>(typeName, ignoreCase: true);
        ModelPattern? pattern = null;
        if (definition.TryGetProperty("pattern", out var p))
        {
            var text = p.GetString()!;
            if (!patterns.TryGetValue(text, out pattern))
            {
                pattern = new ModelPattern(text, compiled);
                patterns[text] = pattern;
            }
        }

        var values = definition.TryGetProperty("enum", out var e) ? e.EnumerateArray().Select(v => v.GetString()!).ToList() : null;
        var sensitive = definition.TryGetProperty("sensitive", out var secret) && secret.GetBoolean();
        return new Shape(name, type, BoundOf(definition, "min"), BoundOf(definition, "max"), pattern, values, sensitive);
    }

    private static Bound? BoundOf(JsonElement definition, string name) =>
        definition.TryGetProperty(name, out var value)
            ? new Bound(decimal.Parse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture), value.GetRawText())
            : null;

    /// <summary>Coral names members in messages with the first letter lowered: <c>PipelineName</c> is <c>pipelineName</c>.</summary>
    private static string Camel(string name) =>
        name.Length == 0 ? name : string.Concat(char.ToLowerInvariant(name[0]).ToString(), name.AsSpan(1));
}
