using System.Text.Json;
using Sluice.Client.SageMaker;
using Sluice.Client.SageMaker.Executions;
using Sluice.Client.SageMaker.Steps;
using Sluice.Core.Storage;
using Sluice.Definitions;

namespace Sluice.Server.Api;

/// <summary>
/// The engine's records as the SageMaker API's wire types (the types of <c>Sluice.Client</c>): DescribePipelineExecution,
/// ListPipelineExecutions and ListPipelineExecutionSteps items, ListPipelineParametersForExecution items. The server
/// answers with them and the CLI's <c>--json</c> output prints them, so both write the shapes a client reads.
/// </summary>
public static class WireShapes
{
    /// <summary>A DescribePipelineExecution response.</summary>
    /// <param name="execution">The execution.</param>
    /// <returns>The response.</returns>
    public static DescribePipelineExecutionResponse Execution(ExecutionRecord execution) => new()
    {
        PipelineArn = execution.PipelineArn,
        PipelineExecutionArn = execution.Arn,
        PipelineExecutionDisplayName = execution.DisplayName,
        PipelineExecutionStatus = execution.Status.ToString(),
        PipelineExecutionDescription = execution.Description,
        PipelineExperimentConfig = execution.Experiment is { } experiment
            ? new PipelineExperimentConfig { ExperimentName = experiment.ExperimentName, TrialName = experiment.TrialName }
            : null,
        FailureReason = execution.FailureReason,
        CreationTime = execution.CreationTime,
        LastModifiedTime = execution.LastModifiedTime,
        CreatedBy = User(execution.PipelineArn),
        LastModifiedBy = User(execution.PipelineArn),
        ParallelismConfiguration = execution.MaxParallelExecutionSteps is { } parallelism ? new ParallelismConfiguration(parallelism) : null,
        SelectiveExecutionConfig = execution.SelectiveExecutionJson is { } selective
            ? JsonSerializer.Deserialize(selective, SageMakerJsonContext.Default.SelectiveExecutionConfig)
            : null,
        PipelineVersionId = execution.PipelineVersion,
    };

    /// <summary>
    /// A UserContext (<c>CreatedBy</c>, <c>LastModifiedBy</c>): the local IAM identity of the resource's account, the one
    /// STS GetCallerIdentity names (<c>arn:aws:iam::{account}:user/sluice</c>); Sluice keeps no caller identities.
    /// </summary>
    /// <param name="resourceArn">An ARN of the resource, whose fifth field is the account.</param>
    /// <returns>The user context.</returns>
    public static UserContext User(string resourceArn)
    {
        var parts = resourceArn.Split(':');
        var account = parts.Length > 4 && parts[4].Length > 0 ? parts[4] : "000000000000";
        return new UserContext { IamIdentity = new IamIdentity { Arn = $"arn:aws:iam::{account}:user/sluice", PrincipalId = "AIDASLUICELOCALUSER" } };
    }

    /// <summary>A ListPipelineExecutions item.</summary>
    /// <param name="execution">The execution's summary.</param>
    /// <returns>The item.</returns>
    public static PipelineExecutionSummary Summary(ExecutionSummary execution) => new()
    {
        PipelineExecutionArn = execution.Arn,
        StartTime = execution.CreationTime,
        PipelineExecutionStatus = execution.Status.ToString(),
        PipelineExecutionDescription = execution.Description,
        PipelineExecutionDisplayName = execution.DisplayName,
        PipelineExecutionFailureReason = execution.FailureReason,
    };

    /// <summary>A ListPipelineExecutionSteps item.</summary>
    /// <param name="step">The step's record.</param>
    /// <param name="definition">The step's definition, for its display name and description; may be <see langword="null"/>.</param>
    /// <returns>The item; Metadata is always there, empty for a step that has none yet.</returns>
    public static PipelineExecutionStep Step(StepRecord step, StepDefinition? definition) => new()
    {
        StepName = step.StepName,
        StepDisplayName = definition?.DisplayName,
        StepDescription = definition?.Description,
        StartTime = step.StartTime,
        EndTime = step.EndTime,
        StepStatus = step.Status.ToString(),
        CacheHitResult = step.CacheSourceExecutionArn is { } cacheSource ? new CacheHitResult { SourcePipelineExecutionArn = cacheSource } : null,
        FailureReason = step.FailureReason,
        Metadata = step.MetadataJson is { } metadata
            ? JsonSerializer.Deserialize(metadata, SageMakerJsonContext.Default.PipelineExecutionStepMetadata)
            : new PipelineExecutionStepMetadata(),
        AttemptCount = step.AttemptCount,
        SelectiveExecutionResult = step.SelectiveSourceExecutionArn is { } selectiveSource ? new SelectiveExecutionResult { SourcePipelineExecutionArn = selectiveSource } : null,
    };

    /// <summary>A ListPipelineParametersForExecution item.</summary>
    /// <param name="parameter">The parameter.</param>
    /// <returns>The item.</returns>
    public static Parameter Parameter(ParameterValue parameter) => new(parameter.Name, parameter.Value);
}
