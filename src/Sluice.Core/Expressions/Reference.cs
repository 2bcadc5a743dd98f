namespace Sluice.Definitions.Expressions;

/// <summary>What a <c>{"Get": ...}</c> expression reads, parsed from its text.</summary>
/// <param name="Text">The text of the reference as written, e.g. <c>Steps.Train.ModelArtifacts.S3ModelArtifacts</c>.</param>
public abstract record Reference(string Text);

/// <summary><c>Parameters.Name</c>: a pipeline parameter.</summary>
/// <param name="Text">The reference as written.</param>
/// <param name="Name">The parameter's name.</param>
public sealed record ParameterReference(string Text, string Name) : Reference(Text);

/// <summary><c>Execution.Name</c>: an execution variable such as <c>PipelineExecutionId</c>.</summary>
/// <param name="Text">The reference as written.</param>
/// <param name="Name">The variable's name.</param>
public sealed record ExecutionVariableReference(string Text, string Name) : Reference(Text);

/// <summary><c>PipelineExperimentConfig.Name</c>: <c>ExperimentName</c> or <c>TrialName</c>.</summary>
/// <param name="Text">The reference as written.</param>
/// <param name="Name">The member's name.</param>
public sealed record ExperimentConfigReference(string Text, string Name) : Reference(Text);

/// <summary><c>Steps.Name.Path</c>: a property of another step, read from its Describe* response.</summary>
/// <param name="Text">The reference as written.</param>
/// <param name="StepName">The step whose property is read.</param>
/// <param name="Path">The path of the property in the step's properties.</param>
public sealed record StepPropertyReference(string Text, string StepName, PropertyPath Path) : Reference(Text)
{
    /// <summary>The property file's name when the reference is <c>Steps.S.PropertyFiles.Name</c>; otherwise <see langword="null"/>.</summary>
    public string? PropertyFileName =>
        Path.Segments is [PropertyPathSegment.Member { Name: "PropertyFiles" }, PropertyPathSegment.Member file] ? file.Name : null;
}
