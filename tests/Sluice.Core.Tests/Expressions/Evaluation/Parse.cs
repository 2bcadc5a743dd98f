using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Sluice.Definitions.Expressions;
using Sluice.Definitions.Validation;

namespace Sluice.Definitions.Tests.Expressions.Evaluation;

/// <summary>Expressions and conditions from their JSON text, parsed as the definition reader parses them.</summary>
internal static class Parse
{
    public static PipelineExpression Expression(string json)
    {
        var diagnostics = new List<Diagnostic>();
        var expression = ExpressionParser.Parse(FakeEvaluationContext.Json(json), "X", new DiagnosticScope(diagnostics, "Steps[0]", "S"));
        diagnostics.ShouldBeEmpty();
        return expression;
    }

    public static PipelineCondition Condition(string json)
    {
        var diagnostics = new List<Diagnostic>();
        var condition = ExpressionParser.ParseCondition(FakeEvaluationContext.Json(json), "C", new DiagnosticScope(diagnostics, "Steps[0]", "S"), []);
        diagnostics.ShouldBeEmpty();
        return condition.ShouldNotBeNull();
    }

    /// <summary>Compact JSON text of a value, for comparisons.</summary>
    public static string Text(JsonElement value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            value.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
