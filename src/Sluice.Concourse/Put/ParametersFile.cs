using System.Text.Json;
using Sluice.Concourse.Configuration;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sluice.Concourse.Put;

/// <summary>
/// Reads <c>params.parameters_file</c>: a JSON object or a YAML mapping of parameter names to scalar values, found in the
/// build's directory (<c>$1</c> of <c>out</c>, which holds every input of the build). <c>.json</c> files are read as JSON,
/// <c>.yml</c>/<c>.yaml</c> as YAML, and anything else as JSON when it starts with <c>{</c>, else as YAML.
/// </summary>
internal static class ParametersFile
{
    private const string Key = "params.parameters_file";

    /// <summary>Reads the file.</summary>
    /// <param name="sourcesDirectory">The build's directory.</param>
    /// <param name="relativePath">The path from params, relative to <paramref name="sourcesDirectory"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The values, in file order.</returns>
    /// <exception cref="ResourceException">The file is missing or is not a map of scalars; the message says where.</exception>
    public static async Task<IReadOnlyList<KeyValuePair<string, string>>> ReadAsync(string sourcesDirectory, string relativePath, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(relativePath))
        {
            throw new ResourceException($"{Key} is empty; give a path such as repo/ci/parameters.yaml.");
        }

        var path = Path.GetFullPath(Path.Combine(sourcesDirectory, relativePath));
        if (!File.Exists(path))
        {
            var inputs = Directory.Exists(sourcesDirectory)
                ? string.Join(", ", Directory.EnumerateFileSystemEntries(sourcesDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal))
                : string.Empty;
            throw new ResourceException(
                $"{Key} '{relativePath}' does not exist (looked at {path}); the path starts with the name of one of the build's inputs{(inputs.Length > 0 ? $": {inputs}" : string.Empty)}.");
        }

        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        var extension = Path.GetExtension(path).ToUpperInvariant();
        var json = extension == ".JSON" || (extension is not ".YML" and not ".YAML" && text.TrimStart().StartsWith('{'));
        return json ? FromJson(text, relativePath) : FromYaml(text, relativePath);
    }

    private static List<KeyValuePair<string, string>> FromJson(string text, string file)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new ResourceException($"{Key} '{file}' is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ResourceException($"{Key} '{file}' holds {SettingsReader.Describe(document.RootElement)}; it must be an object of parameter names to values.");
            }

            return [.. document.RootElement.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, ParameterValues.Text(p.Value, $"{Key} '{file}': '{p.Name}'")))];
        }
    }

    private static List<KeyValuePair<string, string>> FromYaml(string text, string file)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(text);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new ResourceException($"{Key} '{file}' is not valid YAML (line {e.Start.Line}, column {e.Start.Column}): {e.Message}", e);
        }

        if (stream.Documents.Count == 0)
        {
            return [];
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode mapping)
        {
            throw new ResourceException($"{Key} '{file}' is not a mapping; write one 'Name: value' line per parameter.");
        }

        var values = new List<KeyValuePair<string, string>>();
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var name = (keyNode as YamlScalarNode)?.Value
                ?? throw new ResourceException($"{Key} '{file}' line {keyNode.Start.Line}: a parameter name must be plain text.");
            if (valueNode is not YamlScalarNode { Value: { } value } scalar || IsNull(scalar))
            {
                throw new ResourceException($"{Key} '{file}' line {valueNode.Start.Line}: '{name}' must have a string, number or boolean value.");
            }

            values.Add(new(name, value));
        }

        return values;
    }

    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL";
}
