using System.Text.Json.Nodes;

namespace Sluice.Sdk.Properties;

/// <summary>
/// A JSON file a Processing step writes to one of its outputs, which <see cref="Expressions.JsonGet"/> reads from:
/// <c>{"PropertyFileName", "OutputName", "FilePath"}</c> in the step's <c>PropertyFiles</c>.
/// </summary>
/// <param name="Name">The name <see cref="Expressions.JsonGet"/> refers to it by.</param>
/// <param name="OutputName">The processing output it is written to.</param>
/// <param name="FilePath">The file's path inside that output.</param>
public sealed record PropertyFile(string Name, string OutputName, string FilePath)
{
    /// <summary>The declaration in the step's <c>PropertyFiles</c>.</summary>
    /// <returns>A new JSON object.</returns>
    public JsonObject ToJson() => new() { ["PropertyFileName"] = Name, ["OutputName"] = OutputName, ["FilePath"] = FilePath };
}
