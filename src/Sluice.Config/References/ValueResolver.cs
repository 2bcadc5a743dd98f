using System.Text;
using Sluice.Config.Reading;
using Sluice.Definitions;
using Sluice.Sdk.Expressions;
using Sluice.Sdk.Parameters;
using Sluice.Sdk.Steps;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sluice.Config.References;

/// <summary>
/// Turns configuration values into Sluice.Sdk values: literals as their kind says, <c>${shared...}</c> into the shared
/// configuration's value, <c>${parameters.X}</c> into the declared parameter, <c>${steps.S.path}</c> into the step's
/// property (see <see cref="StepReferences"/>), <c>${execution.X}</c> into the execution variable, and text mixed with
/// references into a <c>Std:Join</c>.
/// </summary>
internal sealed partial class ValueResolver
{
    private readonly SharedTree _shared;
    private readonly IReadOnlyDictionary<string, Parameter> _parameters;
    private readonly string? _parametersUnavailable;
    private readonly IStepLookup? _steps;
    private readonly List<string> _sharedStack = [];

    /// <summary>Creates a resolver.</summary>
    /// <param name="shared">The shared configuration, for <c>${shared...}</c>.</param>
    /// <param name="parameters">The declared parameters by name; <see langword="null"/> where parameters cannot be referenced.</param>
    /// <param name="steps">The steps; <see langword="null"/> where steps cannot be referenced (the shared configuration).</param>
    public ValueResolver(SharedTree shared, IReadOnlyDictionary<string, Parameter>? parameters, IStepLookup? steps)
    {
        _shared = shared;
        _parameters = parameters ?? new Dictionary<string, Parameter>();
        _parametersUnavailable = parameters is null ? "parameters cannot be referenced in parameter declarations" : null;
        _steps = steps;
    }

    /// <summary>Whether a node stands for no value: an empty plain scalar, <c>~</c> or <c>null</c>.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    /// <summary>Follows a value that is exactly <c>${shared.key}</c> to the shared configuration's node (again, while that is one too).</summary>
    public Located Deref(Located at, string key)
    {
        var current = at;
        List<string>? seen = null;
        while (current.Node is YamlScalarNode { Value: { } text } && ReferenceSyntax.MayHoldReferences(text)
            && Parse(current, key, text) is [ReferencePart { Scope: ReferenceSyntax.Shared } reference])
        {
            seen ??= [];
            if (seen.Contains(reference.Path))
            {
                throw at.Error(key, $"'{reference.Text}' refers to itself");
            }

            seen.Add(reference.Path);
            current = _shared.Find(reference, current, key) with { Via = current.Via ?? $"{reference.Text} at {current.Place}" };
        }

        return current;
    }

    /// <summary>A value for the Sdk; <see langword="null"/> for an empty value.</summary>
    public PipelineValue? Value(Located at, string key, ValueKind kind)
    {
        at = Deref(at, key);
        switch (at.Node)
        {
            case YamlScalarNode scalar:
                return IsNull(scalar) ? null : Scalar(at, scalar, key, kind);
            case YamlMappingNode mapping when mapping.Children.Count == 1 && mapping.Children.Keys.First() is YamlScalarNode { Value: "join" }:
                return kind is ValueKind.String or ValueKind.Any
                    ? Join(at, mapping, key)
                    : throw at.Error(key, $"a join builds text; this value must be {Describe(kind)}");
            case YamlMappingNode or YamlSequenceNode when kind == ValueKind.Any:
                return PipelineValue.FromJson(Json(at, key));
            default:
                throw at.Error(key, $"expected {Describe(kind)}, not {DescribeNode(at.Node)}");
        }
    }

    /// <summary>Text known when the pipeline is built: literal text with <c>${shared...}</c> references replaced.</summary>
    public string Text(Located at, string key)
    {
        at = Deref(at, key);
        if (at.Node is not YamlScalarNode scalar)
        {
            throw at.Error(key, $"expected a single value, not {DescribeNode(at.Node)}");
        }

        var text = scalar.Value ?? string.Empty;
        if (!ReferenceSyntax.MayHoldReferences(text))
        {
            return text;
        }

        var result = new StringBuilder();
        foreach (var part in Parse(at, key, text))
        {
            result.Append(part switch
            {
                LiteralPart literal => literal.Text,
                ReferencePart { Scope: ReferenceSyntax.Shared } shared => SharedText(shared, at, key),
                ReferencePart reference => throw at.Error(key,
                    $"'{reference.Text}' is known only when the pipeline runs; this value must be known when it is built"),
                _ => throw new InvalidOperationException("unknown text part"),
            });
        }

        return result.ToString();
    }

    /// <summary>The step a name names.</summary>
    public Step Step(string name, Located site, string key) =>
        _steps is null ? throw site.Error(key, "steps cannot be referenced in the shared configuration") : _steps.GetStep(name, site, key);

    private static string DescribeNode(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        _ => "a single value",
    };

    private static string Describe(ValueKind kind) => kind switch
    {
        ValueKind.Integer => "an integer",
        ValueKind.Float => "a number",
        ValueKind.Boolean => "true or false",
        ValueKind.String => "text",
        _ => "a value",
    };

    private static IReadOnlyList<TextPart> Parse(Located at, string key, string text) =>
        ReferenceSyntax.Parse(text, out var error) is { Count: > 0 } parts ? parts : throw at.Error(key, error!);

    private PipelineValue Scalar(Located at, YamlScalarNode scalar, string key, ValueKind kind)
    {
        var text = scalar.Value ?? string.Empty;
        if (!ReferenceSyntax.MayHoldReferences(text))
        {
            return Literal(at, key, text, kind, IsQuoted(scalar));
        }

        var parts = Parse(at, key, text);
        if (parts is [ReferencePart whole])
        {
            return Reference(whole, at, key, kind);
        }

        var pieces = new List<PipelineValue>();
        var pending = new StringBuilder();
        foreach (var part in parts)
        {
            switch (part)
            {
                case LiteralPart literal:
                    pending.Append(literal.Text);
                    break;
                case ReferencePart { Scope: ReferenceSyntax.Shared } shared:
                    pending.Append(SharedText(shared, at, key));
                    break;
                case ReferencePart reference:
                    if (pending.Length > 0)
                    {
                        pieces.Add(pending.ToString());
                        pending.Clear();
                    }

                    pieces.Add(Reference(reference, at, key, ValueKind.Any));
                    break;
            }
        }

        if (pieces.Count == 0)
        {
            return Literal(at, key, pending.ToString(), kind, quoted: true);
        }

        if (kind is not (ValueKind.String or ValueKind.Any))
        {
            throw at.Error(key, $"'{text}' mixes text with references, which makes text; this value must be {Describe(kind)}");
        }

        if (pending.Length > 0)
        {
            pieces.Add(pending.ToString());
        }

        return new Join(string.Empty, pieces);
    }

    private PipelineValue Reference(ReferencePart reference, Located at, string key, ValueKind kind)
    {
        switch (reference.Scope)
        {
            case ReferenceSyntax.Parameters:
                if (_parametersUnavailable is { } why)
                {
                    throw at.Error(key, $"'{reference.Text}': {why}");
                }

                if (!_parameters.TryGetValue(reference.Path, out var parameter))
                {
                    var declared = _parameters.Count == 0 ? "none" : string.Join(", ", _parameters.Keys);
                    throw at.Error(key, $"'{reference.Text}': no parameter '{reference.Path}' is declared in the shared configuration" +
                        $"{Spelling.Hint(reference.Path, _parameters.Keys)}; parameters: {declared}");
                }

                return Fits(parameter.ParameterType, kind)
                    ? parameter
                    : throw at.Error(key, $"'{reference.Text}' is a {parameter.ParameterType} parameter; this value must be {Describe(kind)}");
            case ReferenceSyntax.Execution:
                var variable = ExecutionVariableNames.Find(reference.Path) ?? throw at.Error(key,
                    $"'{reference.Text}': no execution variable '{reference.Path}'{Spelling.Hint(reference.Path, ExecutionVariableNames.All)}; " +
                    $"execution variables: {string.Join(", ", ExecutionVariableNames.All)}");
                return kind is ValueKind.String or ValueKind.Any
                    ? variable
                    : throw at.Error(key, $"'{reference.Text}' is text; this value must be {Describe(kind)}");
            case ReferenceSyntax.Steps:
                return _steps is null
                    ? throw at.Error(key, $"'{reference.Text}': steps cannot be referenced in the shared configuration")
                    : StepReferences.Resolve(reference, at, key, _steps);
            default:
                var node = _shared.Find(reference, at, key) with { Via = at.Via ?? $"{reference.Text} at {at.Place}" };
                return Value(node, key, kind) ?? throw node.Error(key, $"'{reference.Text}' is empty");
        }
    }

    private static bool Fits(string parameterType, ValueKind kind) => kind switch
    {
        ValueKind.Integer => parameterType == "Integer",
        ValueKind.Float => parameterType is "Integer" or "Float",
        ValueKind.Boolean => parameterType == "Boolean",
        _ => true,
    };

    private string SharedText(ReferencePart reference, Located at, string key)
    {
        if (_sharedStack.Contains(reference.Path))
        {
            throw at.Error(key, $"'{reference.Text}' refers to itself");
        }

        _sharedStack.Add(reference.Path);
        try
        {
            return Text(_shared.Find(reference, at, key) with { Via = at.Via ?? $"{reference.Text} at {at.Place}" }, key);
        }
        finally
        {
            _sharedStack.RemoveAt(_sharedStack.Count - 1);
        }
    }

    private Join Join(Located at, YamlMappingNode mapping, string key)
    {
        var path = key + ".join";
        var body = Deref(at with { Node = mapping.Children.Values.First() }, path);
        if (body.Node is not YamlMappingNode members)
        {
            throw body.Error(path, "a join is {join: {on: SEPARATOR, values: [...]}}");
        }

        var on = string.Empty;
        List<PipelineValue>? values = null;
        foreach (var (memberKey, member) in members.Children)
        {
            var name = (memberKey as YamlScalarNode)?.Value;
            var memberAt = body with { Node = member };
            switch (name)
            {
                case "on":
                    on = Text(memberAt, $"{path}.on");
                    break;
                case "values":
                    var list = Deref(memberAt, $"{path}.values");
                    values = list.Node is YamlSequenceNode items
                        ? [.. items.Children.Select((item, i) => Value(list with { Node = item }, $"{path}.values[{i}]", ValueKind.Any)
                            ?? throw (list with { Node = item }).Error($"{path}.values[{i}]", "the item is empty"))]
                        : throw list.Error($"{path}.values", "expected a list of values");
                    break;
                default:
                    throw (body with { Node = memberKey }).Error($"{path}.{name}", $"unknown key{Spelling.Hint(name ?? string.Empty, ["on", "values"])}; known keys here: on, values");
            }
        }

        return new Join(on, values ?? throw body.Error($"{path}.values", "missing: a join needs values"));
    }
}
