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
    public static DescribePipelineExecutionResponse Execution(ExecutionRecord execution)
    {
        var user = User(execution.PipelineArn);
        return new()
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
            CreatedBy = user,
            LastModifiedBy = user,
            ParallelismConfiguration = execution.MaxParallelExecutionSteps is { } parallelism ? new ParallelismConfiguration(parallelism) : null,
            SelectiveExecutionConfig = execution.SelectiveExecutionJson is { } selective
                ? JsonSerializer.Deserialize(selective, SageMakerJsonContext.Default.SelectiveExecutionConfig)
                : null,
            PipelineVersionId = execution.PipelineVersion,
        };
    }

    /// <summary>
    /// A UserContext (<c>CreatedBy</c>, <c>LastModifiedBy</c>): the local IAM identity of the resource's account, the one
    /// STS GetCallerIdentity names (<c>arn:aws:iam::{account}:user/sluice</c>); Sluice keeps no caller identities.
    /// </summary>
    /// <param name="resourceArn">An ARN of the resource, whose fifth field is the account.</param>
    /// <returns>The user context.</returns>
    public static UserContext User(string resourceArn)
    {
        var account = Field(resourceArn, 4);
        if (account.IsEmpty)
        {
            account = "000000000000";
        }

        var last = s_lastUser; // one account per server, as a rule: its context is made once and shared (it is immutable)
        if (last is not null && account.SequenceEqual(last.Account))
        {
            return last.Context;
        }

        var text = account.ToString();
        var context = new UserContext { IamIdentity = new IamIdentity { Arn = $"arn:aws:iam::{text}:user/sluice", PrincipalId = "AIDASLUICELOCALUSER" } };
        s_lastUser = new AccountUser(text, context);
        return context;
    }

    /// <summary>A ListPipelineExecutions page's items, in the page's order.</summary>
    /// <param name="executions">The page.</param>
    /// <returns>The items.</returns>
    public static List<PipelineExecutionSummary> Summaries(IReadOnlyList<ExecutionSummary> executions)
    {
        var summaries = new List<PipelineExecutionSummary>(executions.Count);
        for (var i = 0; i < executions.Count; i++)
        {
            summaries.Add(Summary(executions[i]));
        }

        return summaries;
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

    /// <summary>The <paramref name="index"/>th colon-separated field of an ARN, empty when it has fewer.</summary>
    private static ReadOnlySpan<char> Field(string arn, int index)
    {
        var rest = arn.AsSpan();
        for (var i = 0; i < index; i++)
        {
            var colon = rest.IndexOf(':');
            if (colon < 0)
            {
                return [];
            }

            rest = rest[(colon + 1)..];
        }

        var end = rest.IndexOf(':');
        return end < 0 ? rest : rest[..end];
    }

    private static AccountUser? s_lastUser;

    private sealed record AccountUser(string Account, UserContext Context);
}
