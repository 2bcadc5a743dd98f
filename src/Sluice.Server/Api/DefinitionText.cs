using System.Text.Json;
using Sluice.Server.Api.Validation;

namespace Sluice.Server.Api;

/// <summary>
/// Refuses a pipeline definition holding text that is not Unicode before the engine reads it. A definition is JSON
/// inside a JSON string, so the request's own check (<see cref="TextWalk"/>) passes <c>"\\ud800"</c> in it as six plain
/// characters; Core's definition reader would then meet a lone surrogate escape, which .NET's JSON reader throws on
/// rather than reports. Checked here, at the server's boundary, so the client gets a ValidationException, whatever
/// Core does with such text.
/// </summary>
internal static class DefinitionText
{
    /// <summary>As deep as Core's reader goes; what it refuses as JSON is left to it, so only text is judged here.</summary>
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 512 };

    /// <summary>Checks a definition's strings and member names.</summary>
    /// <param name="definition">The definition's text.</param>
    /// <exception cref="ApiException">ValidationException naming each place that is not text.</exception>
    public static void Check(string definition)
    {
        if (!definition.Contains("\\u", StringComparison.OrdinalIgnoreCase))
        {
            return; // a .NET string holds no invalid UTF-8, so only an escape can name a lone surrogate
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(definition, Options);
        }
        catch (JsonException)
        {
            return; // not JSON: Core's reader says where, in its own words
        }

        using (document)
        {
            var notText = TextWalk.Run(null, document.RootElement);
            if (notText.Count > 0)
            {
                throw ApiException.Validation("Unable to parse pipeline definition. " + string.Join("; ", notText));
            }
        }
    }
}
