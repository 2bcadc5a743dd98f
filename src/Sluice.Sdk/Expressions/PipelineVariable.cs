using System.Text.Json.Nodes;
using Sluice.Sdk.Serialization;

namespace Sluice.Sdk.Expressions;

/// <summary>
/// A value SageMaker resolves when a step runs: a parameter, an execution variable, a step property, a
/// <see cref="Join"/> or a <see cref="JsonGet"/>. Steps whose properties it reads become dependencies of the step
/// that uses it, as in the Python SDK.
/// </summary>
public abstract class PipelineVariable : PipelineValue
{
    private protected PipelineVariable()
    {
    }

    /// <summary>The expression as the definition writes it, e.g. <c>{"Get": "Parameters.InputData"}</c> (the Python SDK's <c>expr</c>).</summary>
    /// <returns>A new JSON tree.</returns>
    public JsonNode ToExpression() => Write(BuildContext.Detached)!;

    /// <summary>
    /// The value as a string when the step runs (the Python SDK's <c>to_string()</c>): <c>{"Std:Join": {"On": "",
    /// "Values": [this]}}</c>, or the variable itself when it already is a string.
    /// </summary>
    /// <returns>The string-valued variable.</returns>
    public virtual PipelineVariable ToStringExpression() => new Join(string.Empty, this);

    /// <inheritdoc />
    public override string ToString() => Serialization.Json.Compact(ToExpression());
}
