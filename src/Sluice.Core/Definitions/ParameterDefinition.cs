using System.Text.Json;

namespace Sluice.Definitions;

/// <summary>One entry of the definition's <c>Parameters</c> list.</summary>
/// <param name="Path">The JSON path of the parameter, e.g. <c>Parameters[0]</c>.</param>
/// <param name="Name">The parameter's name.</param>
/// <param name="Type">The declared type (String when absent).</param>
/// <param name="DefaultValue">The DefaultValue as written; <see langword="null"/> when absent or <c>null</c>, and then a value must be given at start.</param>
/// <param name="EnumValues">The allowed values of a String parameter, when declared.</param>
public sealed record ParameterDefinition(
    string Path,
    string Name,
    ParameterType Type,
    JsonElement? DefaultValue,
    IReadOnlyList<string>? EnumValues);
