using Sluice.Sdk.Expressions;

namespace Sluice.Config.References;

/// <summary>The execution variables <c>${execution.NAME}</c> names.</summary>
internal static class ExecutionVariableNames
{
    private static readonly Dictionary<string, ExecutionVariable> Variables = new(StringComparer.Ordinal)
    {
        ["StartDateTime"] = ExecutionVariables.StartDateTime,
        ["CurrentDateTime"] = ExecutionVariables.CurrentDateTime,
        ["PipelineName"] = ExecutionVariables.PipelineName,
        ["PipelineArn"] = ExecutionVariables.PipelineArn,
        ["PipelineExecutionId"] = ExecutionVariables.PipelineExecutionId,
        ["PipelineExecutionArn"] = ExecutionVariables.PipelineExecutionArn,
        ["TrainingJobName"] = ExecutionVariables.TrainingJobName,
        ["ProcessingJobName"] = ExecutionVariables.ProcessingJobName,
    };

    public static IEnumerable<string> All => Variables.Keys;

    public static ExecutionVariable? Find(string name) => Variables.GetValueOrDefault(name);
}
