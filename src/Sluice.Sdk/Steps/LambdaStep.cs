using System.Text.Json.Nodes;
using Sluice.Sdk.Expressions;
using Sluice.Sdk.Properties;
using Sluice.Sdk.Serialization;

namespace Sluice.Sdk.Steps;

/// <summary>
/// Calls a Lambda function with <see cref="Inputs"/> as its event and reads <see cref="Outputs"/> from its answer:
/// <c>{"Type": "Lambda", "Arguments": inputs, "FunctionArn", "OutputParameters"}</c>.
/// </summary>
/// <param name="name">The step's name.</param>
/// <param name="functionArn">The function's ARN.</param>
public sealed class LambdaStep(string name, string functionArn) : Step(name)
{
    /// <summary>The function's ARN.</summary>
    public string FunctionArn { get; set; } = functionArn;

    /// <summary>The event's members.</summary>
    public IDictionary<string, PipelineValue> Inputs { get; init; } = new OrderedDictionary<string, PipelineValue>();

    /// <summary>The outputs the function answers with.</summary>
    public IList<OutputParameter> Outputs { get; init; } = [];

    /// <summary>Caching, when wanted.</summary>
    public CacheConfig? CacheConfig { get; set; }

    /// <summary>The step's properties: <c>OutputParameters['name']</c>.</summary>
    public OutputParametersProperties Properties => RootProperties<OutputParametersProperties>();

    /// <inheritdoc />
    public override string StepType => "Lambda";

    internal override JsonNode WriteArguments(BuildContext context) => Json.Map(Inputs, context);

    internal override void WriteTail(JsonObject request, BuildContext context)
    {
        request.Put("CacheConfig", CacheConfig?.ToJson());
        request["FunctionArn"] = FunctionArn;
        request["OutputParameters"] = new JsonArray([.. Outputs.Select(o => (JsonNode)o.ToJson())]);
    }
}
