using System.Text.Json.Nodes;
using Sluice.Sdk.Serialization;

namespace Sluice.Sdk.Expressions;

/// <summary>A literal value, written as it is.</summary>
internal sealed class PipelineLiteral(JsonNode? value) : PipelineValue
{
    public JsonNode? Value { get; } = value;

    internal override JsonNode? Write(BuildContext context) => Value?.DeepClone();
}
