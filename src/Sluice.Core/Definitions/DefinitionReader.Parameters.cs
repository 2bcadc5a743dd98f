using System.Text.Json;
using Sluice.Definitions.Validation;

namespace Sluice.Definitions;

/// <content>Reading the <c>Parameters</c> list.</content>
public static partial class DefinitionReader
{
    private static readonly string[] ParameterMembers = ["Name", "Type", "DefaultValue", "EnumValues", "Description"];

    /// <summary>Reads a parameter or output type name, case-sensitively as SageMaker does.</summary>
    internal static bool TryParseType(string name, out ParameterType type)
    {
        (var known, type) = name switch
        {
            "String" => (true, ParameterType.String),
            "Integer" => (true, ParameterType.Integer),
            "Float" => (true, ParameterType.Float),
            "Boolean" => (true, ParameterType.Boolean),
            _ => (false, ParameterType.String),
        };
        return known;
    }

    /// <summary>Whether a JSON value is a valid value of a parameter type, as a DefaultValue.</summary>
    internal static bool MatchesType(JsonElement? value, ParameterType type) => type switch
    {
        ParameterType.String => value.TryGetString(out _),
        ParameterType.Integer => value.TryGetInteger(out _),
        ParameterType.Float => value.TryGetNumber(out _),
        ParameterType.Boolean => value.TryGetBoolean(out _),
        _ => false,
    };

    private static List<ParameterDefinition> ReadParameters(JsonElement root, List<Diagnostic> diagnostics)
    {
        var parameters = new List<ParameterDefinition>();
        var document = new DiagnosticScope(diagnostics, string.Empty, null);
        if (!TryGetList(root, "Parameters", "Parameters", DiagnosticCodes.MalformedParameter, "parameters", document, out var array))
        {
            return parameters;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = JsonPaths.Index("Parameters", i++);
            if (ReadParameter(item, path, diagnostics) is not { } parameter)
            {
                continue;
            }

            if (!seen.Add(parameter.Name))
            {
                new DiagnosticScope(diagnostics, path, parameter.Name).Error(DiagnosticCodes.DuplicateParameter, "Name",
                    $"another parameter is already named '{parameter.Name}'");
                continue;
            }

            parameters.Add(parameter);
        }

        return parameters;
    }

    private static ParameterDefinition? ReadParameter(JsonElement obj, string path, List<Diagnostic> diagnostics)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            new DiagnosticScope(diagnostics, path, null).Error(DiagnosticCodes.MalformedParameter, string.Empty,
                $"a parameter must be an object with Name and Type, not {((JsonElement?)obj).Describe()}");
            return null;
        }

        obj.Member("Name").TryGetString(out var name);
        var scope = new DiagnosticScope(diagnostics, path, name.Length > 0 ? name : null);
        if (name.Length == 0)
        {
            scope.Error(DiagnosticCodes.ParameterName, "Name", "a parameter needs a Name");
            return null;
        }

        if (!NamePattern().IsMatch(name))
        {
            scope.Error(DiagnosticCodes.ParameterName, "Name", "a parameter name must be 1 to 64 letters, digits, '-' or '_'");
        }

        foreach (var member in obj.EnumerateObject())
        {
            if (Array.IndexOf(ParameterMembers, member.Name) < 0)
            {
                scope.Warning(DiagnosticCodes.UnknownMember, member.Name,
                    $"'{member.Name}' is not a member of a parameter{Spelling.Hint(member.Name, ParameterMembers)}");
            }
        }

        var defaultValue = obj.Member("DefaultValue") is { ValueKind: not JsonValueKind.Null } d ? d : (JsonElement?)null;
        var type = ParameterType.String;
        var typeNode = obj.Member("Type");
        if (!typeNode.IsNullOrMissing() && (!typeNode.TryGetString(out var typeName) || !TryParseType(typeName, out type)))
        {
            scope.Error(DiagnosticCodes.ParameterType, "Type", $"{typeNode.Show()} is not a parameter type; use String, Integer, Float or Boolean");

            // Kept, so that references to it do not report it again as undeclared.
            return new ParameterDefinition(path, name, ParameterType.String, defaultValue, null);
        }

        if (defaultValue is not null && !MatchesType(defaultValue, type))
        {
            scope.Error(DiagnosticCodes.ParameterDefault, "DefaultValue",
                $"the default {defaultValue.Value.GetRawText()} is not {(type == ParameterType.Integer ? "an" : "a")} {type}");
        }

        return new ParameterDefinition(path, name, type, defaultValue, ReadEnumValues(obj, type, defaultValue, scope));
    }

    private static List<string>? ReadEnumValues(JsonElement obj, ParameterType type, JsonElement? defaultValue, DiagnosticScope scope)
    {
        var node = obj.Member("EnumValues");
        if (node.IsNullOrMissing())
        {
            return null;
        }

        if (type != ParameterType.String)
        {
            scope.Error(DiagnosticCodes.ParameterEnum, "EnumValues", $"EnumValues are allowed on String parameters only, not on {type}");
            return null;
        }

        if (node is not { ValueKind: JsonValueKind.Array } array || array.GetArrayLength() == 0)
        {
            scope.Error(DiagnosticCodes.ParameterEnum, "EnumValues", "EnumValues must be a non-empty list of strings");
            return null;
        }

        var values = new List<string>(array.GetArrayLength());
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            JsonElement? value = item;
            if (value.TryGetString(out var text))
            {
                values.Add(text);
            }
            else
            {
                scope.Error(DiagnosticCodes.ParameterEnum, JsonPaths.Index("EnumValues", i), $"EnumValues must be strings, not {value.Describe()}");
            }

            i++;
        }

        if (defaultValue.TryGetString(out var defaultText) && !values.Contains(defaultText, StringComparer.Ordinal))
        {
            scope.Error(DiagnosticCodes.ParameterEnum, "DefaultValue", $"the default \"{defaultText}\" is not one of the EnumValues");
        }

        return values;
    }
}
