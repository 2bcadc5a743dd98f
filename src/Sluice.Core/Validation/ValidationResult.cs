using Sluice.Definitions;
using Sluice.Definitions.Graph;

namespace Sluice.Definitions.Validation;

/// <summary>The outcome of validating a definition.</summary>
/// <param name="Definition">The definition, when the text was a JSON object.</param>
/// <param name="Graph">The step graph, when the definition was read.</param>
/// <param name="Diagnostics">Every problem found, in document order.</param>
public sealed record ValidationResult(PipelineDefinition? Definition, PipelineGraph? Graph, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>Whether the definition can run: no diagnostic is an error.</summary>
    public bool IsValid => Definition is not null && !Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>The errors.</summary>
    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>The warnings.</summary>
    public IEnumerable<Diagnostic> Warnings => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning);
}
