using Sluice.Definitions.Validation;

namespace Sluice.Definitions;

/// <summary>What <see cref="DefinitionReader.Read(string)"/> found: the definition, when the text is a JSON object, and every problem seen while reading it.</summary>
/// <param name="Definition">The definition; <see langword="null"/> when the text is not a JSON object.</param>
/// <param name="Diagnostics">The problems found, in document order.</param>
public sealed record DefinitionReadResult(PipelineDefinition? Definition, IReadOnlyList<Diagnostic> Diagnostics);
