using Sluice.Client.SageMaker.Executions;
using Sluice.Concourse.Protocol;

namespace Sluice.Concourse.Get;

/// <summary>
/// The metadata Concourse shows beside an execution: Display Name, Status, Created By (when the execution records who),
/// Description, and Failure Reason when it failed. Absent values are left out.
/// </summary>
internal static class ExecutionMetadata
{
    /// <summary>Builds the metadata of a description.</summary>
    /// <param name="execution">DescribePipelineExecution's answer.</param>
    /// <returns>The metadata, in display order.</returns>
    public static IReadOnlyList<MetadataField> From(DescribePipelineExecutionResponse execution)
    {
        var fields = new List<MetadataField>();
        Add(fields, "Display Name", execution.PipelineExecutionDisplayName);
        Add(fields, "Status", execution.PipelineExecutionStatus);
        Add(fields, "Created By", execution.CreatedBy?.UserProfileName ?? execution.CreatedBy?.IamIdentity?.Arn);
        Add(fields, "Description", execution.PipelineExecutionDescription);
        if (execution.PipelineExecutionStatus == PipelineExecutionStatus.Failed)
        {
            Add(fields, "Failure Reason", execution.FailureReason);
        }

        return fields;
    }

    private static void Add(List<MetadataField> fields, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            fields.Add(new MetadataField(name, value));
        }
    }
}
