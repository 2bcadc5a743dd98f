using System.Text;
using Sluice.Definitions.Validation;

namespace Sluice.Sdk;

/// <summary>
/// A pipeline whose definition the validator rejects, found before anything is sent or run: duplicate step names, a
/// parameter used but not declared, a reference to a step that is not in the pipeline, a cycle, ...
/// </summary>
public sealed class PipelineValidationException : Exception
{
    /// <summary>Creates the exception for a pipeline's diagnostics.</summary>
    /// <param name="pipelineName">The pipeline's name.</param>
    /// <param name="diagnostics">Every problem the validator found; the errors are listed in the message.</param>
    public PipelineValidationException(string pipelineName, IReadOnlyList<Diagnostic> diagnostics)
        : base(Describe(pipelineName, diagnostics))
    {
        PipelineName = pipelineName;
        Diagnostics = diagnostics;
    }

    /// <summary>Creates the exception with a message of its own.</summary>
    public PipelineValidationException()
        : this(string.Empty, [])
    {
    }

    /// <summary>Creates the exception with a message of its own.</summary>
    /// <param name="message">The message.</param>
    public PipelineValidationException(string message)
        : base(message)
    {
        PipelineName = string.Empty;
        Diagnostics = [];
    }

    /// <summary>Creates the exception with a message of its own and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public PipelineValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        PipelineName = string.Empty;
        Diagnostics = [];
    }

    /// <summary>The pipeline's name.</summary>
    public string PipelineName { get; }

    /// <summary>Every problem found, warnings included, in document order.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    private static string Describe(string pipelineName, IReadOnlyList<Diagnostic> diagnostics)
    {
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var text = new StringBuilder();
        text.Append("pipeline '").Append(pipelineName).Append("' is not valid: ").Append(errors.Count).Append(errors.Count == 1 ? " error" : " errors");
        foreach (var error in errors)
        {
            text.Append('\n').Append("  ").Append(error.Code).Append(' ').Append(error.Location).Append(": ").Append(error.Message);
        }

        return text.ToString();
    }
}
