using System.Text.Json;
using System.Text.Json.Serialization;
using Sluice.Client.Json;
using Sluice.Client.SageMaker.Executions;
using Sluice.Client.SageMaker.Jobs;
using Sluice.Client.SageMaker.Pipelines;
using Sluice.Client.SageMaker.Registry;
using Sluice.Client.SageMaker.Steps;
using Sluice.Client.SageMaker.Tags;

namespace Sluice.Client.SageMaker;

/// <summary>
/// Source-generated JSON for the SageMaker wire types: members named as botocore names them, nulls omitted, timestamps
/// as epoch seconds. The one definition of the wire shapes: this client writes requests and reads responses with it,
/// and Sluice's server reads the same requests and writes the same responses with it.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, Converters = [typeof(EpochSecondsConverter)])]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(CreatePipelineRequest))]
[JsonSerializable(typeof(CreatePipelineResponse))]
[JsonSerializable(typeof(UpdatePipelineRequest))]
[JsonSerializable(typeof(UpdatePipelineResponse))]
[JsonSerializable(typeof(DeletePipelineRequest))]
[JsonSerializable(typeof(DeletePipelineResponse))]
[JsonSerializable(typeof(DescribePipelineRequest))]
[JsonSerializable(typeof(DescribePipelineResponse))]
[JsonSerializable(typeof(ListPipelinesRequest))]
[JsonSerializable(typeof(ListPipelinesResponse))]
[JsonSerializable(typeof(ListPipelineVersionsRequest))]
[JsonSerializable(typeof(ListPipelineVersionsResponse))]
[JsonSerializable(typeof(UpdatePipelineVersionRequest))]
[JsonSerializable(typeof(UpdatePipelineVersionResponse))]
[JsonSerializable(typeof(StartPipelineExecutionRequest))]
[JsonSerializable(typeof(StartPipelineExecutionResponse))]
[JsonSerializable(typeof(StopPipelineExecutionRequest))]
[JsonSerializable(typeof(StopPipelineExecutionResponse))]
[JsonSerializable(typeof(RetryPipelineExecutionRequest))]
[JsonSerializable(typeof(RetryPipelineExecutionResponse))]
[JsonSerializable(typeof(UpdatePipelineExecutionRequest))]
[JsonSerializable(typeof(UpdatePipelineExecutionResponse))]
[JsonSerializable(typeof(DescribePipelineExecutionRequest))]
[JsonSerializable(typeof(DescribePipelineExecutionResponse))]
[JsonSerializable(typeof(ListPipelineExecutionsRequest))]
[JsonSerializable(typeof(ListPipelineExecutionsResponse))]
[JsonSerializable(typeof(ListPipelineParametersForExecutionRequest))]
[JsonSerializable(typeof(ListPipelineParametersForExecutionResponse))]
[JsonSerializable(typeof(DescribePipelineDefinitionForExecutionRequest))]
[JsonSerializable(typeof(DescribePipelineDefinitionForExecutionResponse))]
[JsonSerializable(typeof(SendPipelineExecutionStepSuccessRequest))]
[JsonSerializable(typeof(SendPipelineExecutionStepSuccessResponse))]
[JsonSerializable(typeof(SendPipelineExecutionStepFailureRequest))]
[JsonSerializable(typeof(SendPipelineExecutionStepFailureResponse))]
[JsonSerializable(typeof(ListPipelineExecutionStepsRequest))]
[JsonSerializable(typeof(ListPipelineExecutionStepsResponse))]
[JsonSerializable(typeof(DescribeProcessingJobRequest))]
[JsonSerializable(typeof(DescribeTrainingJobRequest))]
[JsonSerializable(typeof(DescribeTransformJobRequest))]
[JsonSerializable(typeof(DescribeHyperParameterTuningJobRequest))]
[JsonSerializable(typeof(ListTrainingJobsForHyperParameterTuningJobRequest))]
[JsonSerializable(typeof(ListTrainingJobsForHyperParameterTuningJobResponse))]
[JsonSerializable(typeof(DescribeModelRequest))]
[JsonSerializable(typeof(DescribeModelPackageRequest))]
[JsonSerializable(typeof(ListModelPackagesRequest))]
[JsonSerializable(typeof(ListModelPackagesResponse))]
[JsonSerializable(typeof(UpdateModelPackageRequest))]
[JsonSerializable(typeof(UpdateModelPackageResponse))]
[JsonSerializable(typeof(DescribeModelPackageGroupRequest))]
[JsonSerializable(typeof(DescribeModelPackageGroupResponse))]
[JsonSerializable(typeof(ListModelPackageGroupsRequest))]
[JsonSerializable(typeof(ListModelPackageGroupsResponse))]
[JsonSerializable(typeof(HyperParameterTrainingJobSummary))]
[JsonSerializable(typeof(AddTagsRequest))]
[JsonSerializable(typeof(AddTagsResponse))]
[JsonSerializable(typeof(ListTagsRequest))]
[JsonSerializable(typeof(ListTagsResponse))]
[JsonSerializable(typeof(DeleteTagsRequest))]
[JsonSerializable(typeof(DeleteTagsResponse))]
public sealed partial class SageMakerJsonContext : JsonSerializerContext;
