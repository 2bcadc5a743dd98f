using System.Text.Json;

namespace Sluice.Definitions;

/// <summary>
/// A SageMaker pipeline definition as read by <see cref="DefinitionReader"/>: typed views over the JSON document,
/// which <see cref="Root"/> keeps whole so that writing it back loses nothing.
/// </summary>
public sealed class PipelineDefinition
{
    /// <summary>The only <c>Version</c> SageMaker accepts.</summary>
    public const string SupportedVersion = "2020-12-01";

    /// <summary>The largest definition, in characters, that CreatePipeline accepts inline.</summary>
    public const int MaxInlineLength = 1_048_576;

    private Dictionary<string, StepDefinition>? _stepsByName;

    /// <summary>The document's root object as read; it owns its memory and stays valid for the definition's lifetime.</summary>
    public required JsonElement Root { get; init; }

    /// <summary>The length of the definition's text in characters.</summary>
    public required int TextLength { get; init; }

    /// <summary>The <c>Version</c>, when present.</summary>
    public string? Version { get; init; }

    /// <summary>The <c>Metadata</c> map.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>The declared parameters.</summary>
    public IReadOnlyList<ParameterDefinition> Parameters { get; init; } = [];

    /// <summary>The <c>PipelineExperimentConfig</c>; <see langword="null"/> when absent or <c>null</c>.</summary>
    public ExperimentConfigDefinition? ExperimentConfig { get; init; }

    /// <summary>The top-level steps, in document order.</summary>
    public IReadOnlyList<StepDefinition> Steps { get; init; } = [];

    /// <summary>Every step, nested ones included: each step followed by its branches' steps, depth first.</summary>
    public IReadOnlyList<StepDefinition> AllSteps { get; init; } = [];

    /// <summary>Finds a step by name, nested steps included; the first one when names repeat.</summary>
    /// <param name="name">The step's name.</param>
    /// <param name="step">The step, when found.</param>
    /// <returns>Whether a step has that name.</returns>
    public bool TryGetStep(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out StepDefinition? step)
    {
        if (_stepsByName is null)
        {
            var map = new Dictionary<string, StepDefinition>(AllSteps.Count, StringComparer.Ordinal);
            foreach (var s in AllSteps)
            {
                map.TryAdd(s.Name, s);
            }

            _stepsByName = map;
        }

        return _stepsByName.TryGetValue(name, out step);
    }

    /// <summary>Finds a parameter by name.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <returns>The parameter, or <see langword="null"/>.</returns>
    public ParameterDefinition? FindParameter(string name)
    {
        foreach (var p in Parameters)
        {
            if (string.Equals(p.Name, name, StringComparison.Ordinal))
            {
                return p;
            }
        }

        return null;
    }
}
