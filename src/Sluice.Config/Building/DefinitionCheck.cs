using System.Globalization;
using Sluice.Config.Shared;
using Sluice.Definitions.Validation;
using Sluice.Sdk;

namespace Sluice.Config.Building;

/// <summary>
/// Writes the definition once the Sluice validator accepts it, telling each of the validator's findings at the step
/// file (or the shared configuration) it comes from.
/// </summary>
internal static class DefinitionCheck
{
    public static (string Definition, IReadOnlyList<string> Warnings) Write(Pipeline pipeline, SharedConfig shared, IReadOnlyDictionary<string, StepEntry> entries)
    {
        IReadOnlyList<Diagnostic> diagnostics;
        try
        {
            diagnostics = pipeline.Validate();
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or IOException or ArgumentException)
        {
            throw Locate(e.Message, shared, entries);
        }

        if (diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) is { } error)
        {
            var (file, line) = Place(error, shared, entries);
            throw new PipelineConfigException(file, line, null, $"{error.Code} {error.Location}: {error.Message}");
        }

        var warnings = diagnostics.Select(d =>
        {
            var (file, line) = Place(d, shared, entries);
            return string.Create(CultureInfo.InvariantCulture, $"{file}:{line}: warning {d.Code} {d.Location}: {d.Message}");
        }).ToList();
        return (pipeline.ToDefinitionJson(), warnings);
    }

    private static (string File, int Line) Place(Diagnostic diagnostic, SharedConfig shared, IReadOnlyDictionary<string, StepEntry> entries)
    {
        if (diagnostic.OwnerPath.StartsWith("Steps", StringComparison.Ordinal) && diagnostic.OwnerName is { } step && entries.TryGetValue(step, out var entry))
        {
            return (entry.File.Path, entry.NameLine);
        }

        if (diagnostic.OwnerPath.StartsWith("Parameters", StringComparison.Ordinal) && diagnostic.OwnerName is { } parameter
            && shared.ParameterLines.TryGetValue(parameter, out var parameterLine))
        {
            return (shared.File, parameterLine);
        }

        return (shared.File, 1);
    }

    /// <summary>An SDK error while writing, at the step its message names, else at the shared configuration.</summary>
    private static PipelineConfigException Locate(string message, SharedConfig shared, IReadOnlyDictionary<string, StepEntry> entries)
    {
        if (entries.Values.FirstOrDefault(e => message.Contains($"'{e.Name}'", StringComparison.Ordinal)) is { } entry)
        {
            return new PipelineConfigException(entry.File.Path, entry.NameLine, null, message);
        }

        var bucket = message.Contains("DefaultBucket", StringComparison.Ordinal);
        return new PipelineConfigException(shared.File, bucket ? shared.KeyLines.GetValueOrDefault("bucket", 1) : 1, bucket ? "bucket" : null,
            bucket ? $"{message} (set bucket in the shared configuration)" : message);
    }
}
