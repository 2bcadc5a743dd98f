using System.Text.Json;

namespace Sluice.Core.Steps;

/// <summary>How a step's attempt ended.</summary>
public abstract record StepResult
{
    /// <summary>The step's metadata for ListPipelineExecutionSteps, e.g. <c>{"Condition": {"Outcome": "True"}}</c>.</summary>
    public JsonElement? Metadata { get; init; }

    /// <summary>The attempt succeeded.</summary>
    /// <param name="Properties">The step's properties (its Describe* response), which later steps read with Get.</param>
    public sealed record Succeeded(JsonElement Properties) : StepResult;

    /// <summary>The attempt failed.</summary>
    /// <param name="Reason">Why, for the step's FailureReason.</param>
    /// <param name="ExceptionType">
    /// The SageMaker failure class that retry policies match (<c>Step.SERVICE_FAULT</c>, <c>Step.THROTTLING</c>,
    /// <c>SageMaker.JOB_INTERNAL_ERROR</c>, <c>SageMaker.CAPACITY_ERROR</c>, <c>SageMaker.RESOURCE_LIMIT</c>);
    /// <see langword="null"/> for failures no policy retries (a script's error, a bad expression).
    /// </param>
    public sealed record Failed(string Reason, string? ExceptionType) : StepResult
    {
        /// <summary>The execution's FailureReason when this failure ends it, if not the default "step X failed" (a Fail step's message).</summary>
        public string? ExecutionFailureReason { get; init; }
    }

    /// <summary>The attempt was stopped, as the execution was.</summary>
    public sealed record Stopped : StepResult;
}
