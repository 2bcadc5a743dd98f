namespace Sluice.Sdk.Retry;

/// <summary>Failures of the pipeline service itself, for <see cref="StepRetryPolicy"/>.</summary>
public enum StepExceptionType
{
    /// <summary><c>Step.SERVICE_FAULT</c>.</summary>
    ServiceFault,

    /// <summary><c>Step.THROTTLING</c>.</summary>
    Throttling,
}
