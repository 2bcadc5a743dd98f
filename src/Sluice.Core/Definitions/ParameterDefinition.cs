using System.Text.Json.Nodes;

namespace Sluice.Core.Definitions;

/// <summary>One entry of the definition's <c>Parameters</c> list.</summary>
/// <param name="Path">The JSON path of the parameter, e.g. <c>Parameters[0]</c>.</param>
/// <param name="Name">The parameter's name.</param>
/// <param name="Type">The declared type (String when absent).</param>
/// <param name="HasDefault">Whether a DefaultValue member is present; without one, a value must be given at start.</param>
/// <param name="DefaultValue">The DefaultValue as written.</param>
/// <param name="EnumValues">The allowed values of a String parameter, when declared.</param>
public sealed record ParameterDefinition(
    string Path,
    string Name,
    ParameterType Type,
    bool HasDefault,
    JsonNode? DefaultValue,
    IReadOnlyList<string>? EnumValues);
