using System.Text.Json.Nodes;
using Sluice.Sdk.Serialization;

namespace Sluice.Sdk.Expressions;

/// <summary>
/// <c>Std:Join</c>: the values as strings, joined with <see cref="On"/>, e.g. an S3 URI built from a bucket parameter
/// and the execution id: <c>new Join("/", "s3:/", bucket, ExecutionVariables.PipelineExecutionId)</c>.
/// </summary>
/// <param name="on">The separator.</param>
/// <param name="values">The values: literals or variables.</param>
public sealed class Join(string on, params IEnumerable<PipelineValue> values) : PipelineVariable
{
    /// <summary>The separator.</summary>
    public string On { get; } = on;

    /// <summary>The values.</summary>
    public IReadOnlyList<PipelineValue> Values { get; } = [.. values];

    /// <summary>The join itself: it already is a string.</summary>
    /// <returns>This join.</returns>
    public override PipelineVariable ToStringExpression() => this;

    internal override JsonNode Write(BuildContext context) =>
        new JsonObject { ["Std:Join"] = new JsonObject { ["On"] = On, ["Values"] = Json.Array(Values, context) } };
}
