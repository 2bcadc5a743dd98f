using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sluice.Cli.Output;

/// <summary>What <c>sluice validate --json</c> prints.</summary>
/// <param name="Files">One entry per file, in the order given.</param>
internal sealed record ValidationReport(IReadOnlyList<FileReport> Files);

/// <summary>The validation of one file.</summary>
/// <param name="File">The file as given on the command line.</param>
/// <param name="Valid">Whether the definition has no errors.</param>
/// <param name="Errors">How many errors.</param>
/// <param name="Warnings">How many warnings.</param>
/// <param name="Steps">How many steps, nested ones included, when the definition could be read.</param>
/// <param name="Parameters">How many parameters, when the definition could be read.</param>
/// <param name="ReadError">Why the file could not be read, when it could not.</param>
/// <param name="Diagnostics">The problems found.</param>
internal sealed record FileReport(
    string File,
    bool Valid,
    int Errors,
    int Warnings,
    int? Steps,
    int? Parameters,
    string? ReadError,
    IReadOnlyList<DiagnosticReport> Diagnostics);

/// <summary>One problem, as JSON.</summary>
/// <param name="Severity"><c>error</c> or <c>warning</c>.</param>
/// <param name="Code">The rule's code, e.g. <c>SLU302</c>.</param>
/// <param name="Path">The full JSON path of the offending element.</param>
/// <param name="Owner">The JSON path of the owning step or parameter.</param>
/// <param name="Name">The owner's name.</param>
/// <param name="Member">The path below the owner.</param>
/// <param name="Location">Owner path, name and member path as one string.</param>
/// <param name="Line">The line in the file, 1-based.</param>
/// <param name="Column">The column in the file, 1-based.</param>
/// <param name="Message">What is wrong.</param>
internal sealed record DiagnosticReport(
    string Severity,
    string Code,
    string Path,
    string Owner,
    string? Name,
    string Member,
    string Location,
    int? Line,
    int? Column,
    string Message);

/// <summary>Source-generated serialization for the CLI's JSON output.</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ValidationReport))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The CLI's JSON is read by people and programs, never put in an HTML page: a message's quotes and names in any
    /// script are written as they are, not as <c>\u0027</c>. Control characters and lone surrogates are still escaped.
    /// </summary>
    public static JavaScriptEncoder OutputEncoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>The context the CLI writes with: <see cref="Default"/>'s settings and <see cref="OutputEncoder"/>.</summary>
    public static CliJsonContext Output { get; } = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = OutputEncoder,
    });
}
