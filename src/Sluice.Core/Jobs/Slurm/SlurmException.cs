namespace Sluice.Core.Jobs.Slurm;

/// <summary>A Slurm command is missing, or refused a job; the message says which command and what it printed.</summary>
public sealed class SlurmException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SlurmException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public SlurmException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public SlurmException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
