using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Sluice.Definitions.Expressions.Evaluation;

// Resolving a JSON tree such as a step's Arguments: every expression in it replaced by its value.
public static partial class ExpressionEvaluator
{
    /// <summary>How deep a resolved tree may be: its own depth plus that of the values put into it.</summary>
    private const int MaxDepth = 1000;

    private static readonly JsonWriterOptions ResolvedWriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = MaxDepth,
    };

    private static readonly JsonDocumentOptions ResolvedReaderOptions = new() { MaxDepth = MaxDepth };

    /// <summary>
    /// Copies a JSON tree, such as a step's <c>Arguments</c>, with every expression in it replaced by its value. An
    /// expression is an object whose single member is <c>Get</c>, <c>Std:Join</c> or <c>Std:JsonGet</c>; everything else
    /// is kept as written, numbers with their original spelling (<c>30</c> stays <c>30</c>, <c>6.0</c> stays <c>6.0</c>)
    /// and members in their order. Literal <c>null</c>s are kept too: the SDK passes them through its arguments untouched.
    /// </summary>
    /// <param name="tree">The tree.</param>
    /// <param name="context">What the expressions read.</param>
    /// <param name="ct">Cancels reads from the object store.</param>
    /// <returns>The resolved copy, which does not depend on <paramref name="tree"/>'s document.</returns>
    /// <exception cref="EvaluationException">An expression cannot be evaluated, or is malformed; the message names it.</exception>
    public static Task<JsonElement> ResolveAsync(JsonElement tree, IEvaluationContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (tree.ValueKind == JsonValueKind.Undefined)
        {
            throw new ArgumentException("the tree to resolve has no value", nameof(tree));
        }

        return ResolveCoreAsync(tree, context, ct).AsTask();
    }

    private static async ValueTask<JsonElement> ResolveCoreAsync(JsonElement tree, IEvaluationContext context, CancellationToken ct)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, ResolvedWriterOptions))
        {
            await WriteResolvedAsync(tree, writer, context, ct);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory, ResolvedReaderOptions);
        return document.RootElement.Clone();
    }

    private static async ValueTask WriteResolvedAsync(
        JsonElement node,
        Utf8JsonWriter writer,
        IEvaluationContext context,
        CancellationToken ct)
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.Object when ExpressionParser.IsExpression(node):
                var value = await EvaluateCoreAsync(Parse(node), context, ct);
                value.WriteTo(writer);
                break;
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var member in node.EnumerateObject())
                {
                    writer.WritePropertyName(member.Name);
                    await WriteResolvedAsync(member.Value, writer, context, ct);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in node.EnumerateArray())
                {
                    await WriteResolvedAsync(item, writer, context, ct);
                }

                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer); // numbers keep their raw text
                break;
        }
    }
}
