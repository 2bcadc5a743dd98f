namespace Sluice.Server.Api;

/// <summary>An error answered on the wire: <c>{"__type": Code, "Message": ...}</c> with <c>x-amzn-ErrorType</c>.</summary>
public sealed class ApiException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="code">The SageMaker error code, e.g. <c>ValidationException</c>.</param>
    /// <param name="message">The message.</param>
    /// <param name="status">The HTTP status: 400 for client errors.</param>
    public ApiException(string code, string message, int status = 400)
        : base(message)
    {
        Code = code;
        Status = status;
    }

    /// <summary>Creates an error.</summary>
    public ApiException()
        : this("InternalFailure", "internal failure", 500)
    {
    }

    /// <summary>Creates an error with a message.</summary>
    /// <param name="message">The message.</param>
    public ApiException(string message)
        : this("ValidationException", message)
    {
    }

    /// <summary>Creates an error with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "ValidationException";
        Status = 400;
    }

    /// <summary>The SageMaker error code.</summary>
    public string Code { get; }

    /// <summary>The HTTP status.</summary>
    public int Status { get; }

    /// <summary>A ValidationException.</summary>
    public static ApiException Validation(string message) => new("ValidationException", message);
}
