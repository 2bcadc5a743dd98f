namespace Sluice.Definitions.Expressions.Evaluation;

/// <summary>
/// An expression or condition could not be evaluated. The message always starts with the expression that failed, e.g.
/// <c>{"Get": "Steps.Train.ModelArtifacts.S3ModelArtifacts"}: step 'Train' has no property ModelArtifacts.S3ModelArtifacts (...)</c>.
/// </summary>
public sealed class EvaluationException : Exception
{
    /// <summary>Creates an exception with a message that does not follow the subject-and-detail form.</summary>
    public EvaluationException()
        : this(string.Empty, "the expression could not be evaluated")
    {
    }

    /// <summary>Creates an exception with a message that does not follow the subject-and-detail form.</summary>
    /// <param name="message">The whole message.</param>
    public EvaluationException(string message)
        : base(message)
    {
        Subject = string.Empty;
        Detail = message;
    }

    /// <summary>Creates an exception with a message that does not follow the subject-and-detail form.</summary>
    /// <param name="message">The whole message.</param>
    /// <param name="innerException">The error that caused this one.</param>
    public EvaluationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Subject = string.Empty;
        Detail = message;
    }

    /// <summary>Creates an exception whose message is <c>subject: detail</c>.</summary>
    /// <param name="subject">The expression that failed, as the user wrote it or described.</param>
    /// <param name="detail">What went wrong.</param>
    /// <param name="innerException">The error that caused this one, if any.</param>
    public EvaluationException(string subject, string detail, Exception? innerException = null)
        : base(subject.Length == 0 ? detail : subject + ": " + detail, innerException)
    {
        Subject = subject;
        Detail = detail;
    }

    /// <summary>The expression or condition that failed, e.g. <c>{"Get": "Parameters.X"}</c>.</summary>
    public string Subject { get; }

    /// <summary>What went wrong, without the subject.</summary>
    public string Detail { get; }
}
