using Sluice.Client.Http;
using Sluice.Client.SageMaker.Executions;
using Sluice.Client.SageMaker.Steps;

namespace Sluice.Client.SageMaker;

/// <content>Executions, their steps and parameters, and callback answers.</content>
public sealed partial class SageMakerClient
{
    /// <summary>Starts an execution (<c>StartPipelineExecution</c>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response, with the new execution's ARN.</returns>
    /// <exception cref="AwsServiceException">The service refused, e.g. <c>ResourceNotFound</c> or <c>ValidationException</c> for a bad parameter.</exception>
    public Task<StartPipelineExecutionResponse> StartPipelineExecutionAsync(StartPipelineExecutionRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync(
            "StartPipelineExecution",
            request with { ClientRequestToken = request.ClientRequestToken ?? NewToken() },
            SageMakerJsonContext.Default.StartPipelineExecutionRequest,
            SageMakerJsonContext.Default.StartPipelineExecutionResponse,
            cancellationToken);

    /// <summary>Stops an execution (<c>StopPipelineExecution</c>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response.</returns>
    /// <exception cref="AwsServiceException">The service refused, e.g. <c>ConflictException</c> for an execution that has ended.</exception>
    public Task<StopPipelineExecutionResponse> StopPipelineExecutionAsync(StopPipelineExecutionRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync(
            "StopPipelineExecution",
            request with { ClientRequestToken = request.ClientRequestToken ?? NewToken() },
            SageMakerJsonContext.Default.StopPipelineExecutionRequest,
            SageMakerJsonContext.Default.StopPipelineExecutionResponse,
            cancellationToken);

    /// <summary>Retries a failed execution from its failed steps (<c>RetryPipelineExecution</c>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response.</returns>
    /// <exception cref="AwsServiceException">The service refused.</exception>
    public Task<RetryPipelineExecutionResponse> RetryPipelineExecutionAsync(RetryPipelineExecutionRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync(
            "RetryPipelineExecution",
            request with { ClientRequestToken = request.ClientRequestToken ?? NewToken() },
            SageMakerJsonContext.Default.RetryPipelineExecutionRequest,
            SageMakerJsonContext.Default.RetryPipelineExecutionResponse,
            cancellationToken);

    /// <summary>Changes an execution's display name, description or parallelism (<c>UpdatePipelineExecution</c>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response.</returns>
    /// <exception cref="AwsServiceException">The service refused.</exception>
    public Task<UpdatePipelineExecutionResponse> UpdatePipelineExecutionAsync(UpdatePipelineExecutionRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync("UpdatePipelineExecution", request, SageMakerJsonContext.Default.UpdatePipelineExecutionRequest, SageMakerJsonContext.Default.UpdatePipelineExecutionResponse, cancellationToken);

    /// <summary>Describes an execution (<c>DescribePipelineExecution</c>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response.</returns>
    /// <exception cref="AwsServiceException">The service refused, e.g. <c>ResourceNotFound</c>.</exception>
    public Task<DescribePipelineExecutionResponse> DescribePipelineExecutionAsync(DescribePipelineExecutionRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync("DescribePipelineExecution", request, SageMakerJsonContext.Default.DescribePipelineExecutionRequest, SageMakerJsonContext.Default.DescribePipelineExecutionResponse, cancellationToken);

    /// <summary>Lists one page of a pipeline's executions (<c>ListPipelineExecutions</c>); <see cref="ListAllPipelineExecutionsAsync"/> follows every page.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    /// <exception cref="AwsServiceException">The service refused, e.g. <c>ResourceNotFound</c>.</exception>
    public Task<ListPipelineExecutionsResponse> ListPipelineExecutionsAsync(ListPipelineExecutionsRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync("ListPipelineExecutions", request, SageMakerJsonContext.Default.ListPipelineExecutionsRequest, SageMakerJsonContext.Default.ListPipelineExecutionsResponse, cancellationToken);

    /// <summary>Lists one page of an execution's steps (<c>ListPipelineExecutionSteps</c>); <see cref="ListAllPipelineExecutionStepsAsync"/> follows every page.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    /// <exception cref="AwsServiceException">The service refused, e.g. <c>ResourceNotFound</c>.</exception>
    public Task<ListPipelineExecutionStepsResponse> ListPipelineExecutionStepsAsync(ListPipelineExecutionStepsRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync("ListPipelineExecutionSteps", request, SageMakerJsonContext.Default.ListPipelineExecutionStepsRequest, SageMakerJsonContext.Default.ListPipelineExecutionStepsResponse, cancellationToken);

    /// <summary>Lists one page of the parameters an execution ran with (<c>ListPipelineParametersForExecution</c>); <see cref="ListAllPipelineParametersForExecutionAsync"/> follows every page.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    /// <exception cref="AwsServiceException">The service refused, e.g. <c>ResourceNotFound</c>.</exception>
    public Task<ListPipelineParametersForExecutionResponse> ListPipelineParametersForExecutionAsync(ListPipelineParametersForExecutionRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync(
            "ListPipelineParametersForExecution",
            request,
            SageMakerJsonContext.Default.ListPipelineParametersForExecutionRequest,
            SageMakerJsonContext.Default.ListPipelineParametersForExecutionResponse,
            cancellationToken);

    /// <summary>Reads the definition an execution ran (<c>DescribePipelineDefinitionForExecution</c>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response.</returns>
    /// <exception cref="AwsServiceException">The service refused, e.g. <c>ResourceNotFound</c>.</exception>
    public Task<DescribePipelineDefinitionForExecutionResponse> DescribePipelineDefinitionForExecutionAsync(DescribePipelineDefinitionForExecutionRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync(
            "DescribePipelineDefinitionForExecution",
            request,
            SageMakerJsonContext.Default.DescribePipelineDefinitionForExecutionRequest,
            SageMakerJsonContext.Default.DescribePipelineDefinitionForExecutionResponse,
            cancellationToken);

    /// <summary>Completes a Callback step with its outputs (<c>SendPipelineExecutionStepSuccess</c>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response.</returns>
    /// <exception cref="AwsServiceException">The service refused, e.g. <c>ConflictException</c> for a token already answered.</exception>
    public Task<SendPipelineExecutionStepSuccessResponse> SendPipelineExecutionStepSuccessAsync(SendPipelineExecutionStepSuccessRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync(
            "SendPipelineExecutionStepSuccess",
            request with { ClientRequestToken = request.ClientRequestToken ?? NewToken() },
            SageMakerJsonContext.Default.SendPipelineExecutionStepSuccessRequest,
            SageMakerJsonContext.Default.SendPipelineExecutionStepSuccessResponse,
            cancellationToken);

    /// <summary>Fails a Callback step (<c>SendPipelineExecutionStepFailure</c>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response.</returns>
    /// <exception cref="AwsServiceException">The service refused, e.g. <c>ConflictException</c> for a token already answered.</exception>
    public Task<SendPipelineExecutionStepFailureResponse> SendPipelineExecutionStepFailureAsync(SendPipelineExecutionStepFailureRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync(
            "SendPipelineExecutionStepFailure",
            request with { ClientRequestToken = request.ClientRequestToken ?? NewToken() },
            SageMakerJsonContext.Default.SendPipelineExecutionStepFailureRequest,
            SageMakerJsonContext.Default.SendPipelineExecutionStepFailureResponse,
            cancellationToken);
}
