using System.Text.Json;
using Sluice.Definitions.Validation;

namespace Sluice.Definitions.Expressions;

/// <summary>
/// Reads expressions from their JSON form (<c>{"Get": ...}</c>, <c>{"Std:Join": ...}</c>, <c>{"Std:JsonGet": ...}</c>)
/// for tools that translate a definition into something else, such as the Step Functions export: the same parser the
/// validator uses, with its problems handed back as <see cref="Diagnostic"/>s instead of going into a validation result.
/// </summary>
public static class ExpressionReader
{
    /// <summary>Whether a node has the shape of an expression: an object whose single member is <c>Get</c> or a <c>Std:</c> function.</summary>
    /// <param name="node">The JSON value, or <see langword="null"/> for a missing one.</param>
    /// <returns><see langword="true"/> for an expression; any other value is a literal.</returns>
    public static bool IsExpression(JsonElement? node) => ExpressionParser.IsExpression(node);

    /// <summary>Parses a value that may be an expression; any other value is a <see cref="LiteralExpression"/>.</summary>
    /// <param name="node">The JSON value, or <see langword="null"/> for a missing one.</param>
    /// <param name="memberPath">The value's JSON path inside its owner (e.g. <c>Arguments.Environment.X</c>), for diagnostics.</param>
    /// <param name="ownerPath">The owner's JSON path in the definition (e.g. <c>Steps[2]</c>), for diagnostics.</param>
    /// <param name="ownerName">The owning step's or parameter's name, for diagnostics; <see langword="null"/> when there is none.</param>
    /// <param name="diagnostics">The problems found (a malformed expression parses to a literal after its error is reported).</param>
    /// <returns>The expression tree.</returns>
    public static PipelineExpression Parse(JsonElement? node, string memberPath, string ownerPath, string? ownerName, out IReadOnlyList<Diagnostic> diagnostics)
    {
        var sink = new List<Diagnostic>();
        var expression = ExpressionParser.Parse(node, memberPath, new DiagnosticScope(sink, ownerPath, ownerName));
        diagnostics = sink;
        return expression;
    }

    /// <summary>Parses the text of a <c>Get</c> expression, such as <c>Parameters.X</c> or <c>Steps.S.ProcessingOutputConfig.Outputs['train'].S3Output.S3Uri</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="error">Why the text is malformed, when it is.</param>
    /// <returns>The reference, or <see langword="null"/> with <paramref name="error"/> set when the text is malformed.</returns>
    public static Reference? ParseReference(string text, out string? error) => ExpressionParser.ParseReference(text, out error);
}
