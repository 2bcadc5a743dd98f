namespace Sluice.Definitions.Validation;

/// <summary>How serious a <see cref="Diagnostic"/> is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>The definition is accepted, but the user has most likely made a mistake, or SageMaker would refuse what Sluice can still run.</summary>
    Warning,

    /// <summary>The definition cannot be run as written.</summary>
    Error,
}
