using Sluice.Definitions;
using Sluice.Definitions.Json;

namespace Sluice.Core.Export.StepFunctions;

/// <summary>What one export collects as it goes: errors, approximations, notes and generated state names.</summary>
internal sealed class ExportContext
{
    private readonly HashSet<string> _stateNames = new(StringComparer.Ordinal);

    public ExportContext(PipelineDefinition definition, StepFunctionsExportOptions options)
    {
        Definition = definition;
        Options = options;
        foreach (var step in definition.AllSteps)
        {
            _stateNames.Add(step.Name);
        }

        // The fixed states of every machine (see StepFunctionsExporter).
        foreach (var name in new[] { "Sluice.CheckInput", "Sluice.NoParameters", "Sluice.Defaults", "Sluice.Start", "Sluice.RequiredParameters", "Sluice.MissingParameters", "Sluice.Done" })
        {
            _stateNames.Add(name);
        }
    }

    public PipelineDefinition Definition { get; }

    public StepFunctionsExportOptions Options { get; }

    public bool Batch => Options.Compute == ComputeTarget.Batch;

    public List<ExportProblem> Errors { get; } = [];

    public List<ExportProblem> Approximations { get; } = [];

    public List<ExportProblem> Notes { get; } = [];

    public void Error(StepDefinition? step, string memberPath, string message) =>
        Errors.Add(new ExportProblem(step?.Path ?? string.Empty, step?.Name ?? string.Empty, memberPath, message));

    /// <summary>Records an approximation, or an error naming the flag that accepts it.</summary>
    public void Approximate(StepDefinition? step, string memberPath, string message)
    {
        if (Options.AllowApproximations)
        {
            Approximations.Add(new ExportProblem(step?.Path ?? string.Empty, step?.Name ?? string.Empty, memberPath, message));
        }
        else
        {
            Error(step, memberPath, message + " (--allow-approximations exports it so)");
        }
    }

    public void Note(StepDefinition? step, string memberPath, string message) =>
        Notes.Add(new ExportProblem(step?.Path ?? string.Empty, step?.Name ?? string.Empty, memberPath, message));

    /// <summary>A state name not used by any step or earlier helper state, built from a step name and a role.</summary>
    public string StateName(string stepName, string role)
    {
        var name = stepName + "." + role;
        var candidate = name;
        for (var i = 2; !_stateNames.Add(candidate); i++)
        {
            candidate = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }

    /// <summary>A state name for a helper that belongs to no step.</summary>
    public string HelperName(string role) => StateName("Sluice", role);
}
