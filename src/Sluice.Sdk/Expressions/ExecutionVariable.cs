using System.Text.Json.Nodes;
using Sluice.Sdk.Serialization;

namespace Sluice.Sdk.Expressions;

/// <summary>A value of the running execution, <c>{"Get": "Execution.&lt;name&gt;"}</c>; the ones SageMaker knows are in <see cref="ExecutionVariables"/>.</summary>
public sealed class ExecutionVariable : PipelineVariable
{
    internal ExecutionVariable(string name) => Name = name;

    /// <summary>The variable's name, e.g. <c>PipelineExecutionId</c>.</summary>
    public string Name { get; }

    /// <summary>The variable itself: it already is a string.</summary>
    /// <returns>This variable.</returns>
    public override PipelineVariable ToStringExpression() => this;

    internal override JsonNode Write(BuildContext context) => new JsonObject { ["Get"] = $"Execution.{Name}" };
}
