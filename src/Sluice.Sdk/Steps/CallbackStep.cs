using System.Text.Json.Nodes;
using Sluice.Sdk.Expressions;
using Sluice.Sdk.Properties;
using Sluice.Sdk.Serialization;

namespace Sluice.Sdk.Steps;

/// <summary>
/// Posts a message with <see cref="Inputs"/> to an SQS queue and waits until someone answers its token with
/// SendPipelineExecutionStepSuccess (with <see cref="Outputs"/>) or Failure:
/// <c>{"Type": "Callback", "Arguments": inputs, "SqsQueueUrl", "OutputParameters"}</c>.
/// </summary>
/// <param name="name">The step's name.</param>
/// <param name="sqsQueueUrl">The queue's URL.</param>
public sealed class CallbackStep(string name, string sqsQueueUrl) : Step(name)
{
    /// <summary>The queue's URL.</summary>
    public string SqsQueueUrl { get; set; } = sqsQueueUrl;

    /// <summary>The message's arguments.</summary>
    public IDictionary<string, PipelineValue> Inputs { get; init; } = new OrderedDictionary<string, PipelineValue>();

    /// <summary>The outputs the answer gives.</summary>
    public IList<OutputParameter> Outputs { get; init; } = [];

    /// <summary>Caching, when wanted.</summary>
    public CacheConfig? CacheConfig { get; set; }

    /// <summary>The step's properties: <c>OutputParameters['name']</c>.</summary>
    public OutputParametersProperties Properties => RootProperties<OutputParametersProperties>();

    /// <inheritdoc />
    public override string StepType => "Callback";

    internal override JsonNode WriteArguments(BuildContext context) => Json.Map(Inputs, context);

    internal override void WriteTail(JsonObject request, BuildContext context)
    {
        request.Put("CacheConfig", CacheConfig?.ToJson());
        request["SqsQueueUrl"] = SqsQueueUrl;
        request["OutputParameters"] = new JsonArray([.. Outputs.Select(o => (JsonNode)o.ToJson())]);
    }
}
