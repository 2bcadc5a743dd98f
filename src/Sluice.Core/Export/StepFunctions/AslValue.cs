using System.Text.Json.Nodes;
using Sluice.Definitions.Json;

namespace Sluice.Core.Export.StepFunctions;

/// <summary>The static type of a translated value, as far as the export can tell.</summary>
internal enum ValueType
{
    Unknown,
    String,
    Number,
    Boolean,
}

/// <summary>
/// A pipeline expression translated for a state: a value known now (<see cref="Static"/>) or an ASL expression
/// (<see cref="Expression"/>: a JSONPath of the state, of the context object, or an intrinsic function call).
/// </summary>
internal sealed record AslValue(JsonNode? Static, string? Expression, ValueType Type)
{
    /// <summary>What a translation that failed (and reported why) returns, so that nothing else reports it again.</summary>
    public static readonly AslValue Failed = new(null, null, ValueType.Unknown);

    public bool IsStatic => Expression is null;

    public static AslValue Of(JsonNode? value) => new(value, null, TypeOf(value));

    public static AslValue Dynamic(string expression, ValueType type) => new(null, expression, type);

    /// <summary>The value as an argument of an intrinsic function.</summary>
    public string AsArgument()
    {
        if (Expression is not null)
        {
            return Expression;
        }

        return Static switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => AslText.Literal(s),
            null => "null",
            _ => Static.ToJsonString(),
        };
    }

    private static ValueType TypeOf(JsonNode? value) => value?.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.String => ValueType.String,
        System.Text.Json.JsonValueKind.Number => ValueType.Number,
        System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => ValueType.Boolean,
        _ => ValueType.Unknown,
    };
}
