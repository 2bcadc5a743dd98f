using System.Text.Json.Nodes;
using Sluice.Core.Expressions;
using Sluice.Core.Validation;

namespace Sluice.Core.Definitions;

/// <content>Reading the <c>Parameters</c> list.</content>
public static partial class DefinitionReader
{
    private static readonly string[] ParameterMembers = ["Name", "Type", "DefaultValue", "EnumValues", "Description"];

    private static List<ParameterDefinition> ReadParameters(JsonObject root, List<Diagnostic> diagnostics)
    {
        var parameters = new List<ParameterDefinition>();
        if (!root.TryGetPropertyValue("Parameters", out var node) || node is null)
        {
            return parameters;
        }

        if (node is not JsonArray array)
        {
            new DiagnosticScope(diagnostics, string.Empty, null).Error(DiagnosticCodes.MalformedParameter, "Parameters",
                $"Parameters must be a list, not {ExpressionParser.Describe(node)}");
            return parameters;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < array.Count; i++)
        {
            var path = JsonPaths.Index("Parameters", i);
            if (ReadParameter(array[i], path, diagnostics) is not { } parameter)
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

    private static ParameterDefinition? ReadParameter(JsonNode? node, string path, List<Diagnostic> diagnostics)
    {
        if (node is not JsonObject obj)
        {
            new DiagnosticScope(diagnostics, path, null).Error(DiagnosticCodes.MalformedParameter, string.Empty,
                $"a parameter must be an object with Name and Type, not {ExpressionParser.Describe(node)}");
            return null;
        }

        JsonNodes.TryGetString(obj["Name"], out var name);
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

        foreach (var (member, _) in obj)
        {
            if (Array.IndexOf(ParameterMembers, member) < 0)
            {
                scope.Warning(DiagnosticCodes.UnknownMember, member, $"'{member}' is not a member of a parameter{Spelling.Hint(member, ParameterMembers)}");
            }
        }

        var type = ParameterType.String;
        if (obj.TryGetPropertyValue("Type", out var typeNode) && typeNode is not null)
        {
            if (!JsonNodes.TryGetString(typeNode, out var typeName) || !TryParseType(typeName, out type))
            {
                scope.Error(DiagnosticCodes.ParameterType, "Type",
                    $"{(typeNode is JsonValue ? typeNode.ToJsonString() : ExpressionParser.Describe(typeNode))} is not a parameter type; use String, Integer, Float or Boolean");

                // Kept, so that references to it do not report it again as undeclared.
                return new ParameterDefinition(path, name, ParameterType.String, obj["DefaultValue"] is not null, obj["DefaultValue"], null);
            }
        }

        var hasDefault = obj.TryGetPropertyValue("DefaultValue", out var defaultValue) && defaultValue is not null;
        if (hasDefault && !MatchesType(defaultValue, type))
        {
            scope.Error(DiagnosticCodes.ParameterDefault, "DefaultValue",
                $"the default {defaultValue!.ToJsonString()} is not {Article(type)} {type}");
        }

        return new ParameterDefinition(path, name, type, hasDefault, defaultValue, ReadEnumValues(obj, type, defaultValue, hasDefault, scope));
    }

    private static List<string>? ReadEnumValues(JsonObject obj, ParameterType type, JsonNode? defaultValue, bool hasDefault, DiagnosticScope scope)
    {
        if (!obj.TryGetPropertyValue("EnumValues", out var node) || node is null)
        {
            return null;
        }

        if (type != ParameterType.String)
        {
            scope.Error(DiagnosticCodes.ParameterEnum, "EnumValues", $"EnumValues are allowed on String parameters only, not on {type}");
            return null;
        }

        if (node is not JsonArray { Count: > 0 } array)
        {
            scope.Error(DiagnosticCodes.ParameterEnum, "EnumValues", "EnumValues must be a non-empty list of strings");
            return null;
        }

        var values = new List<string>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (JsonNodes.TryGetString(array[i], out var value))
            {
                values.Add(value);
            }
            else
            {
                scope.Error(DiagnosticCodes.ParameterEnum, JsonPaths.Index("EnumValues", i),
                    $"EnumValues must be strings, not {ExpressionParser.Describe(array[i])}");
            }
        }

        if (hasDefault && JsonNodes.TryGetString(defaultValue, out var text) && !values.Contains(text, StringComparer.Ordinal))
        {
            scope.Error(DiagnosticCodes.ParameterEnum, "DefaultValue", $"the default \"{text}\" is not one of the EnumValues");
        }

        return values;
    }

    /// <summary>Whether a JSON value is a valid value of a parameter type, as a DefaultValue.</summary>
    internal static bool MatchesType(JsonNode? value, ParameterType type) => type switch
    {
        ParameterType.String => JsonNodes.TryGetString(value, out _),
        ParameterType.Integer => JsonNodes.TryGetInteger(value, out _),
        ParameterType.Float => JsonNodes.TryGetNumber(value, out _),
        ParameterType.Boolean => JsonNodes.TryGetBoolean(value, out _),
        _ => false,
    };

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

    private static string Article(ParameterType type) => type == ParameterType.Integer ? "an" : "a";
}
