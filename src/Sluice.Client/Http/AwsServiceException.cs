using System.Net;

namespace Sluice.Client.Http;

/// <summary>A service answered with an error (HTTP status outside 2xx). <see cref="Exception.Message"/> is the service's message.</summary>
public sealed class AwsServiceException : Exception
{
    /// <summary>Creates the exception for an error response.</summary>
    /// <param name="errorCode">The error code, e.g. <c>ResourceNotFound</c>, without any <c>namespace#</c> prefix.</param>
    /// <param name="message">The service's message.</param>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="requestId">The <c>x-amzn-RequestId</c> header, when sent.</param>
    /// <param name="queryErrorCode">The code of the <c>x-amzn-query-error</c> header (query-compatible services such as SQS), when sent.</param>
    public AwsServiceException(string errorCode, string message, HttpStatusCode statusCode, string? requestId, string? queryErrorCode = null)
        : base(message)
    {
        ErrorCode = errorCode;
        StatusCode = statusCode;
        RequestId = requestId;
        QueryErrorCode = queryErrorCode;
    }

    /// <summary>Creates the exception without details.</summary>
    public AwsServiceException()
        : this("Unknown", "The service returned an error.", HttpStatusCode.InternalServerError, null)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public AwsServiceException(string message)
        : this("Unknown", message, HttpStatusCode.InternalServerError, null)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public AwsServiceException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorCode = "Unknown";
        StatusCode = HttpStatusCode.InternalServerError;
    }

    /// <summary>The error code, e.g. <c>ValidationException</c>, <c>ResourceNotFound</c>, <c>QueueDoesNotExist</c>.</summary>
    public string ErrorCode { get; }

    /// <summary>The HTTP status of the response.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The request id the service gave (<c>x-amzn-RequestId</c>), for support and logs.</summary>
    public string? RequestId { get; }

    /// <summary>The legacy query-protocol code from <c>x-amzn-query-error</c>, e.g. <c>AWS.SimpleQueueService.NonExistentQueue</c>.</summary>
    public string? QueryErrorCode { get; }

    /// <summary>Whether a retry may succeed: throttling, a transient error code, or a 429, 500, 502, 503 or 504.</summary>
    public bool IsRetryable => AwsRetryPolicy.IsRetryable(StatusCode, ErrorCode);
}
