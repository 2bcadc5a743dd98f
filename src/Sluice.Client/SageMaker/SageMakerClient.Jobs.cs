using Sluice.Client.Http;
using Sluice.Client.SageMaker.Jobs;
using Sluice.Client.SageMaker.Registry;

namespace Sluice.Client.SageMaker;

/// <content>The job and model-registry reads: what a step's properties and a registered model come from.</content>
public sealed partial class SageMakerClient
{
    /// <summary>Describes a processing job (<c>DescribeProcessingJob</c>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response, kept as JSON.</returns>
    /// <exception cref="AwsServiceException">The service refused, e.g. <c>ResourceNotFound</c>.</exception>
    public Task<DescribeProcessingJobResponse> DescribeProcessingJobAsync(DescribeProcessingJobRequest request, CancellationToken cancellationToken = default) =>
        InvokeJsonAsync("DescribeProcessingJob", request, SageMakerJsonContext.Default.DescribeProcessingJobRequest, json => new DescribeProcessingJobResponse(json), cancellationToken);

    /// <summary>Describes a training job (<c>DescribeTrainingJob</c>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response, kept as JSON.</returns>
    /// <exception cref="AwsServiceException">The service refused, e.g. <c>ResourceNotFound</c>.</exception>
    public Task<DescribeTrainingJobResponse> DescribeTrainingJobAsync(DescribeTrainingJobRequest request, CancellationToken cancellationToken = default) =>
        InvokeJsonAsync("DescribeTrainingJob", request, SageMakerJsonContext.Default.DescribeTrainingJobRequest, json => new DescribeTrainingJobResponse(json), cancellationToken);

    /// <summary>Describes a transform job (<c>DescribeTransformJob</c>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response, kept as JSON.</returns>
    /// <exception cref="AwsServiceException">The service refused, e.g. <c>ResourceNotFound</c>.</exception>
    public Task<DescribeTransformJobResponse> DescribeTransformJobAsync(DescribeTransformJobRequest request, CancellationToken cancellationToken = default) =>
        InvokeJsonAsync("DescribeTransformJob", request, SageMakerJsonContext.Default.DescribeTransformJobRequest, json => new DescribeTransformJobResponse(json), cancellationToken);

    /// <summary>Describes a hyperparameter tuning job (<c>DescribeHyperParameterTuningJob</c>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response, kept as JSON.</returns>
    /// <exception cref="AwsServiceException">The service refused, e.g. <c>ResourceNotFound</c>.</exception>
    public Task<DescribeHyperParameterTuningJobResponse> DescribeHyperParameterTuningJobAsync(DescribeHyperParameterTuningJobRequest request, CancellationToken cancellationToken = default) =>
        InvokeJsonAsync(
            "DescribeHyperParameterTuningJob",
            request,
            SageMakerJsonContext.Default.DescribeHyperParameterTuningJobRequest,
            json => new DescribeHyperParameterTuningJobResponse(json),
            cancellationToken);

    /// <summary>Lists one page of a tuning job's training jobs (<c>ListTrainingJobsForHyperParameterTuningJob</c>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    /// <exception cref="AwsServiceException">The service refused, e.g. <c>ResourceNotFound</c>.</exception>
    public Task<ListTrainingJobsForHyperParameterTuningJobResponse> ListTrainingJobsForHyperParameterTuningJobAsync(
        ListTrainingJobsForHyperParameterTuningJobRequest request,
        CancellationToken cancellationToken = default) =>
        InvokeAsync(
            "ListTrainingJobsForHyperParameterTuningJob",
            request,
            SageMakerJsonContext.Default.ListTrainingJobsForHyperParameterTuningJobRequest,
            SageMakerJsonContext.Default.ListTrainingJobsForHyperParameterTuningJobResponse,
            cancellationToken);

    /// <summary>Describes a model (<c>DescribeModel</c>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response, kept as JSON.</returns>
    /// <exception cref="AwsServiceException">The service refused, e.g. <c>ValidationException</c> for an unknown model.</exception>
    public Task<DescribeModelResponse> DescribeModelAsync(DescribeModelRequest request, CancellationToken cancellationToken = default) =>
        InvokeJsonAsync("DescribeModel", request, SageMakerJsonContext.Default.DescribeModelRequest, json => new DescribeModelResponse(json), cancellationToken);

    /// <summary>Describes a model package (<c>DescribeModelPackage</c>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response, kept as JSON.</returns>
    /// <exception cref="AwsServiceException">The service refused.</exception>
    public Task<DescribeModelPackageResponse> DescribeModelPackageAsync(DescribeModelPackageRequest request, CancellationToken cancellationToken = default) =>
        InvokeJsonAsync("DescribeModelPackage", request, SageMakerJsonContext.Default.DescribeModelPackageRequest, json => new DescribeModelPackageResponse(json), cancellationToken);

    /// <summary>Lists one page of model packages (<c>ListModelPackages</c>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    /// <exception cref="AwsServiceException">The service refused.</exception>
    public Task<ListModelPackagesResponse> ListModelPackagesAsync(ListModelPackagesRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync("ListModelPackages", request, SageMakerJsonContext.Default.ListModelPackagesRequest, SageMakerJsonContext.Default.ListModelPackagesResponse, cancellationToken);

    /// <summary>Updates a model package, e.g. its approval status (<c>UpdateModelPackage</c>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response.</returns>
    /// <exception cref="AwsServiceException">The service refused.</exception>
    public Task<UpdateModelPackageResponse> UpdateModelPackageAsync(UpdateModelPackageRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync("UpdateModelPackage", request, SageMakerJsonContext.Default.UpdateModelPackageRequest, SageMakerJsonContext.Default.UpdateModelPackageResponse, cancellationToken);

    /// <summary>Describes a model package group (<c>DescribeModelPackageGroup</c>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response.</returns>
    /// <exception cref="AwsServiceException">The service refused.</exception>
    public Task<DescribeModelPackageGroupResponse> DescribeModelPackageGroupAsync(DescribeModelPackageGroupRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync("DescribeModelPackageGroup", request, SageMakerJsonContext.Default.DescribeModelPackageGroupRequest, SageMakerJsonContext.Default.DescribeModelPackageGroupResponse, cancellationToken);

    /// <summary>Lists one page of model package groups (<c>ListModelPackageGroups</c>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    /// <exception cref="AwsServiceException">The service refused.</exception>
    public Task<ListModelPackageGroupsResponse> ListModelPackageGroupsAsync(ListModelPackageGroupsRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync("ListModelPackageGroups", request, SageMakerJsonContext.Default.ListModelPackageGroupsRequest, SageMakerJsonContext.Default.ListModelPackageGroupsResponse, cancellationToken);
}
