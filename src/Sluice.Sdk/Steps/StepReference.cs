namespace Sluice.Sdk.Steps;

/// <summary>An entry of <see cref="Step.DependsOn"/>: a step, or a step's name.</summary>
public sealed class StepReference
{
    private StepReference(Step? step, string name)
    {
        Step = step;
        Name = name;
    }

    /// <summary>The step, when given as a step (it is added to the pipeline if missing).</summary>
    public Step? Step { get; }

    /// <summary>The step's name.</summary>
    public string Name { get; }

    /// <summary>A reference to a step.</summary>
    /// <param name="step">The step.</param>
    public static implicit operator StepReference(Step step) => FromStep(step);

    /// <summary>A reference to a step by name.</summary>
    /// <param name="name">The step's name.</param>
    public static implicit operator StepReference(string name) => FromName(name);

    /// <summary>A reference to a step.</summary>
    /// <param name="step">The step.</param>
    /// <returns>The reference.</returns>
    public static StepReference FromStep(Step step) => new(step, step.Name);

    /// <summary>A reference to a step by name; the validator reports a name no step has.</summary>
    /// <param name="name">The step's name.</param>
    /// <returns>The reference.</returns>
    public static StepReference FromName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new(null, name);
    }
}
