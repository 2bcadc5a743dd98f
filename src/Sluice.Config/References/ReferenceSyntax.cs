using System.Text;
using Sluice.Definitions;

namespace Sluice.Config.References;

/// <summary>A piece of a configuration string: literal text, or a reference.</summary>
internal abstract record TextPart;

/// <summary>Literal text.</summary>
/// <param name="Text">The text, with <c>$${</c> already turned into <c>${</c>.</param>
internal sealed record LiteralPart(string Text) : TextPart;

/// <summary>A reference, <c>${scope.path}</c>.</summary>
/// <param name="Scope">What it refers to: <c>parameters</c>, <c>shared</c>, <c>steps</c> or <c>execution</c>.</param>
/// <param name="Path">What follows the scope and its dot.</param>
internal sealed record ReferencePart(string Scope, string Path) : TextPart
{
    /// <summary>The reference as written, e.g. <c>${parameters.InputData}</c>.</summary>
    public string Text => "${" + Scope + "." + Path + "}";
}

/// <summary>
/// Splits configuration strings into literal text and <c>${scope.path}</c> references; <c>$${</c> writes a literal
/// <c>${</c>. See the package README for what each scope means.
/// </summary>
internal static class ReferenceSyntax
{
    public const string Parameters = "parameters";
    public const string Shared = "shared";
    public const string Steps = "steps";
    public const string Execution = "execution";

    private static readonly string[] Scopes = [Parameters, Shared, Steps, Execution];

    /// <summary>Whether the text holds a reference (or an escaped <c>$${</c>) at all.</summary>
    public static bool MayHoldReferences(string text) => text.Contains("${", StringComparison.Ordinal);

    /// <summary>Splits text into parts.</summary>
    /// <param name="text">The text.</param>
    /// <param name="error">What is wrong with the text, when it is not well formed.</param>
    /// <returns>The parts (adjacent literal text merged), or an empty list with <paramref name="error"/> set.</returns>
    public static IReadOnlyList<TextPart> Parse(string text, out string? error)
    {
        error = null;
        var parts = new List<TextPart>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '$' && i + 2 < text.Length && text[i + 1] == '$' && text[i + 2] == '{')
            {
                literal.Append("${");
                i += 3;
                continue;
            }

            if (text[i] != '$' || i + 1 >= text.Length || text[i + 1] != '{')
            {
                literal.Append(text[i]);
                i++;
                continue;
            }

            var end = text.IndexOf('}', i + 2);
            if (end < 0)
            {
                error = $"'{text[i..]}' is not closed: a reference is ${{scope.path}} (write $${{ for a literal '${{')";
                return [];
            }

            var inner = text[(i + 2)..end];
            var dot = inner.IndexOf('.', StringComparison.Ordinal);
            var scope = dot < 0 ? inner : inner[..dot];
            if (dot < 0 || dot == inner.Length - 1 || Array.IndexOf(Scopes, scope) < 0 || inner.Any(char.IsWhiteSpace))
            {
                error = $"'${{{inner}}}' is not a reference{Spelling.Hint(scope, Scopes)}: write ${{parameters.NAME}}, ${{shared.KEY}}, " +
                    "${steps.STEP.PATH} or ${execution.NAME} ($${ writes a literal '${')";
                return [];
            }

            if (literal.Length > 0)
            {
                parts.Add(new LiteralPart(literal.ToString()));
                literal.Clear();
            }

            parts.Add(new ReferencePart(scope, inner[(dot + 1)..]));
            i = end + 1;
        }

        if (literal.Length > 0 || parts.Count == 0)
        {
            parts.Add(new LiteralPart(literal.ToString()));
        }

        return parts;
    }
}
