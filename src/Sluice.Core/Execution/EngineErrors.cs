using Sluice.Definitions.Validation;

namespace Sluice.Core.Execution;

/// <summary>A pipeline, execution or callback token that does not exist (SageMaker's ResourceNotFound).</summary>
public sealed class ResourceNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ResourceNotFoundException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What was not found, e.g. "Pipeline 'x' does not exist."</param>
    public ResourceNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ResourceNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A request that conflicts with the resource's state (SageMaker's ConflictException), e.g. stopping a finished execution.</summary>
public sealed class ConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConflictException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What conflicts.</param>
    public ConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A definition with errors, refused before anything is stored or run.</summary>
public sealed class InvalidDefinitionException : Exception
{
    /// <summary>Creates the exception from the validator's diagnostics.</summary>
    /// <param name="diagnostics">The diagnostics; the errors among them are why the definition is refused.</param>
    public InvalidDefinitionException(IReadOnlyList<Diagnostic> diagnostics)
        : base("The pipeline definition is invalid: " + string.Join("; ", diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)))
        => Diagnostics = diagnostics;

    /// <summary>Creates the exception.</summary>
    public InvalidDefinitionException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public InvalidDefinitionException(string message)
        : base(message) => Diagnostics = [];

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidDefinitionException(string message, Exception innerException)
        : base(message, innerException) => Diagnostics = [];

    /// <summary>Every problem the validator found.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }
}

/// <summary>A request whose values do not fit (SageMaker's ValidationException), e.g. a selective execution of an unknown step.</summary>
public sealed class RequestValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RequestValidationException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong with the request.</param>
    public RequestValidationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public RequestValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>CreatePipeline of a name that a pipeline already has.</summary>
public sealed class PipelineExistsException : Exception
{
    /// <summary>Creates the exception for a pipeline name.</summary>
    /// <param name="pipelineName">The name that is taken.</param>
    public PipelineExistsException(string pipelineName)
        : base($"Pipeline '{pipelineName}' already exists.") => PipelineName = pipelineName;

    /// <summary>Creates the exception.</summary>
    public PipelineExistsException()
        : this(string.Empty)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public PipelineExistsException(string message, Exception innerException)
        : base(message, innerException) => PipelineName = string.Empty;

    /// <summary>Gets the name that is taken.</summary>
    public string PipelineName { get; }
}

/// <summary>
/// A start whose ClientRequestToken another request holds: it was answered already (<see cref="Claim"/> has the first
/// answer) or is being answered (a pending claim). Nothing was stored; the host answers from the claim.
/// </summary>
public sealed class ClientTokenTakenException : Exception
{
    /// <summary>Creates the exception from what holds the token.</summary>
    /// <param name="claim">The first answer, or the pending claim.</param>
    public ClientTokenTakenException(Storage.ClientTokenClaim claim)
        : base("The ClientRequestToken was used by another request.") => Claim = claim;

    /// <summary>Creates the exception.</summary>
    public ClientTokenTakenException()
        : this(Storage.ClientTokenClaim.Pending(string.Empty))
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public ClientTokenTakenException(string message)
        : base(message) => Claim = Storage.ClientTokenClaim.Pending(string.Empty);

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ClientTokenTakenException(string message, Exception innerException)
        : base(message, innerException) => Claim = Storage.ClientTokenClaim.Pending(string.Empty);

    /// <summary>What holds the token: its first answer, or a claim still pending.</summary>
    public Storage.ClientTokenClaim Claim { get; }
}
