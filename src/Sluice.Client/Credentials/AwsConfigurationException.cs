namespace Sluice.Client.Credentials;

/// <summary>Credentials or a region could not be found, or a credentials or config file is incomplete; the message says what and where it looked.</summary>
public sealed class AwsConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AwsConfigurationException()
        : base("The AWS configuration is incomplete.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is missing and where it was looked for.</param>
    public AwsConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What is missing and where it was looked for.</param>
    /// <param name="innerException">The cause, e.g. a file that could not be read.</param>
    public AwsConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
