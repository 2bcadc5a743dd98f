using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Sluice.Config.Reading;
using Sluice.Sdk.Expressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sluice.Config.References;

/// <summary>Literals: text, numbers and flags as their kind says, and YAML mappings and lists as JSON.</summary>
internal sealed partial class ValueResolver
{
    private const string StringTag = "tag:yaml.org,2002:str";

    /// <summary>An integer known when the pipeline is built.</summary>
    public int Integer(Located at, string key)
    {
        at = Deref(at, key);
        var text = Text(at, key);
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw at.Error(key, $"expected an integer, not '{text}'");
    }

    /// <summary>A number known when the pipeline is built.</summary>
    public double Float(Located at, string key)
    {
        at = Deref(at, key);
        var text = Text(at, key);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? number
            : throw at.Error(key, $"expected a number, not '{text}'");
    }

    /// <summary>A flag known when the pipeline is built.</summary>
    public bool Boolean(Located at, string key)
    {
        at = Deref(at, key);
        var text = Text(at, key);
        return bool.TryParse(text, out var flag) ? flag : throw at.Error(key, $"expected true or false, not '{text}'");
    }

    private static bool IsQuoted(YamlScalarNode scalar) =>
        scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded
        || (!scalar.Tag.IsEmpty && scalar.Tag.Value == StringTag);

    private static PipelineValue Literal(Located at, string key, string text, ValueKind kind, bool quoted)
    {
        switch (kind)
        {
            case ValueKind.Integer:
                return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
                    ? integer
                    : throw at.Error(key, $"expected an integer, not '{text}'");
            case ValueKind.Float:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
                    ? number
                    : throw at.Error(key, $"expected a number, not '{text}'");
            case ValueKind.Boolean:
                return bool.TryParse(text, out var flag) ? flag : throw at.Error(key, $"expected true or false, not '{text}'");
            case ValueKind.Any when !quoted:
                return TypedPlain(text);
            default:
                return text;
        }
    }

    /// <summary>A plain scalar typed as YAML's core schema types it: integers, numbers, Booleans, else text.</summary>
    private static PipelineValue TypedPlain(string text)
    {
        if (IntegerPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return integer;
        }

        if (FloatPattern().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        return text switch
        {
            "true" or "True" or "TRUE" => true,
            "false" or "False" or "FALSE" => false,
            _ => text,
        };
    }

    /// <summary>A YAML mapping or list as a JSON literal; references other than <c>${shared...}</c> cannot sit inside one.</summary>
    private JsonNode? Json(Located at, string key)
    {
        at = Deref(at, key);
        switch (at.Node)
        {
            case YamlMappingNode mapping:
                var json = new JsonObject();
                foreach (var (memberKey, member) in mapping.Children)
                {
                    var name = memberKey is YamlScalarNode { Value: { } text } ? text : throw (at with { Node = memberKey }).Error(key, "keys must be plain text");
                    json[name] = Json(at with { Node = member }, $"{key}.{name}");
                }

                return json;
            case YamlSequenceNode list:
                return new JsonArray([.. list.Children.Select((item, i) => Json(at with { Node = item }, $"{key}[{i}]"))]);
            case YamlScalarNode scalar when IsNull(scalar):
                return null;
            case YamlScalarNode scalar:
                var value = scalar.Value ?? string.Empty;
                if (!ReferenceSyntax.MayHoldReferences(value))
                {
                    return Literal(at, key, value, ValueKind.Any, IsQuoted(scalar)).ToJson();
                }

                if (Parse(at, key, value).OfType<ReferencePart>().FirstOrDefault(r => r.Scope != ReferenceSyntax.Shared) is { } runtime)
                {
                    throw at.Error(key, $"'{runtime.Text}' is inside a nested mapping or list, which is written as it is; give the value its own key");
                }

                return JsonValue.Create(Text(at, key));
            default:
                throw at.Error(key, "expected a value");
        }
    }

    [GeneratedRegex("^[-+]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();
}
