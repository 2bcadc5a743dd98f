using System.Text.Json;
using Sluice.Core.Storage;
using Sluice.Definitions;

namespace Sluice.Core.Api;

/// <summary>
/// Writes stored records in the shapes of the SageMaker API's responses (DescribePipelineExecution,
/// ListPipelineExecutionSteps items, ListPipelineParametersForExecution items), with times as epoch seconds as the
/// wire carries them. The CLI's <c>--json</c> output and the server share these shapes.
/// </summary>
public static class ApiShapes
{
    /// <summary>Writes a DescribePipelineExecution response.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="execution">The execution.</param>
    public static void WriteExecution(Utf8JsonWriter writer, ExecutionRecord execution)
    {
        writer.WriteStartObject();
        writer.WriteString("PipelineArn", execution.PipelineArn);
        writer.WriteString("PipelineExecutionArn", execution.Arn);
        WriteOptional(writer, "PipelineExecutionDisplayName", execution.DisplayName);
        writer.WriteString("PipelineExecutionStatus", execution.Status.ToString());
        WriteOptional(writer, "PipelineExecutionDescription", execution.Description);
        writer.WriteStartObject("PipelineExperimentConfig");
        writer.WriteString("ExperimentName", execution.PipelineName);
        writer.WriteString("TrialName", execution.ExecutionId);
        writer.WriteEndObject();
        WriteOptional(writer, "FailureReason", execution.FailureReason);
        WriteTime(writer, "CreationTime", execution.CreationTime);
        WriteTime(writer, "LastModifiedTime", execution.LastModifiedTime);
        WriteUser(writer, "CreatedBy", execution.PipelineArn);
        WriteUser(writer, "LastModifiedBy", execution.PipelineArn);
        if (execution.MaxParallelExecutionSteps is { } parallelism)
        {
            writer.WriteStartObject("ParallelismConfiguration");
            writer.WriteNumber("MaxParallelExecutionSteps", parallelism);
            writer.WriteEndObject();
        }

        if (execution.SelectiveExecutionJson is { } selective)
        {
            writer.WritePropertyName("SelectiveExecutionConfig");
            writer.WriteRawValue(selective);
        }

        writer.WriteNumber("PipelineVersionId", execution.PipelineVersion);
        writer.WriteEndObject();
    }

    /// <summary>
    /// Writes a UserContext (<c>CreatedBy</c>, <c>LastModifiedBy</c>): the local IAM identity of the resource's account,
    /// the one STS GetCallerIdentity names (<c>arn:aws:iam::{account}:user/sluice</c>); Sluice keeps no caller identities.
    /// </summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="name">The member's name.</param>
    /// <param name="resourceArn">An ARN of the resource, whose fifth field is the account.</param>
    public static void WriteUser(Utf8JsonWriter writer, string name, string resourceArn)
    {
        var parts = resourceArn.Split(':');
        var account = parts.Length > 4 && parts[4].Length > 0 ? parts[4] : "000000000000";
        writer.WriteStartObject(name);
        writer.WriteStartObject("IamIdentity");
        writer.WriteString("Arn", $"arn:aws:iam::{account}:user/sluice");
        writer.WriteString("PrincipalId", "AIDASLUICELOCALUSER");
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Writes a ListPipelineExecutionSteps item.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="step">The step's record.</param>
    /// <param name="definition">The step's definition, for its display name and description; may be <see langword="null"/>.</param>
    public static void WriteStep(Utf8JsonWriter writer, StepRecord step, StepDefinition? definition)
    {
        writer.WriteStartObject();
        writer.WriteString("StepName", step.StepName);
        WriteOptional(writer, "StepDisplayName", definition?.DisplayName);
        WriteOptional(writer, "StepDescription", definition?.Description);
        if (step.StartTime is { } start)
        {
            WriteTime(writer, "StartTime", start);
        }

        if (step.EndTime is { } end)
        {
            WriteTime(writer, "EndTime", end);
        }

        writer.WriteString("StepStatus", step.Status.ToString());
        if (step.CacheSourceExecutionArn is { } cacheSource)
        {
            writer.WriteStartObject("CacheHitResult");
            writer.WriteString("SourcePipelineExecutionArn", cacheSource);
            writer.WriteEndObject();
        }

        WriteOptional(writer, "FailureReason", step.FailureReason);
        writer.WritePropertyName("Metadata");
        if (step.MetadataJson is { } metadata)
        {
            // Written through the writer, not as raw text: its strings take the writer's escaping (the stored text
            // may escape an apostrophe as \u0027, which the CLI does not), and a stored text that is not JSON fails here.
            using var document = JsonDocument.Parse(metadata);
            document.RootElement.WriteTo(writer);
        }
        else
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
        }

        writer.WriteNumber("AttemptCount", step.AttemptCount);
        if (step.SelectiveSourceExecutionArn is { } selectiveSource)
        {
            writer.WriteStartObject("SelectiveExecutionResult");
            writer.WriteString("SourcePipelineExecutionArn", selectiveSource);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes a ListPipelineParametersForExecution item.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="parameter">The parameter.</param>
    public static void WriteParameter(Utf8JsonWriter writer, ParameterValue parameter)
    {
        writer.WriteStartObject();
        writer.WriteString("Name", parameter.Name);
        writer.WriteString("Value", parameter.Value);
        writer.WriteEndObject();
    }

    /// <summary>Writes a time as epoch seconds with milliseconds, as the SageMaker wire protocol does.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="name">The member name.</param>
    /// <param name="time">The time.</param>
    public static void WriteTime(Utf8JsonWriter writer, string name, DateTimeOffset time) =>
        writer.WriteNumber(name, Math.Round(time.ToUnixTimeMilliseconds() / 1000.0, 3));

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
