using System.Text.Json.Nodes;
using Sluice.Sdk.Properties;
using Sluice.Sdk.Serialization;
using Sluice.Sdk.Transform;

namespace Sluice.Sdk.Steps;

/// <summary>Runs a batch transform job: <c>{"Type": "Transform", "Arguments": CreateTransformJob request}</c>.</summary>
/// <param name="name">The step's name.</param>
/// <param name="transformer">How the job runs.</param>
/// <param name="input">The data it runs over.</param>
public sealed class TransformStep(string name, Transformer transformer, TransformInput input) : JobStep(name)
{
    /// <summary>How the job runs.</summary>
    public Transformer Transformer { get; set; } = transformer;

    /// <summary>The data it runs over.</summary>
    public TransformInput Input { get; set; } = input;

    /// <summary>The step's properties: the DescribeTransformJob response, e.g. <c>Properties.TransformOutput.S3OutputPath</c>.</summary>
    public TransformJobProperties Properties => RootProperties<TransformJobProperties>();

    /// <inheritdoc />
    public override string StepType => "Transform";

    internal override JsonNode WriteArguments(BuildContext context)
    {
        var t = Transformer;
        var i = Input;
        var input = new JsonObject
        {
            ["DataSource"] = new JsonObject
            {
                ["S3DataSource"] = new JsonObject { ["S3DataType"] = i.DataType.Write(context), ["S3Uri"] = i.Data.Write(context) },
            },
        }.Put("ContentType", i.ContentType, context)
            .Put("CompressionType", i.CompressionType, context)
            .Put("SplitType", i.SplitType, context);
        var output = new JsonObject { ["S3OutputPath"] = t.OutputPath.Write(context) }
            .Put("KmsKeyId", t.OutputKmsKey, context).Put("AssembleWith", t.AssembleWith, context).Put("Accept", t.Accept, context);
        var resources = new JsonObject
            {
                ["InstanceCount"] = t.InstanceCount.Write(context),
                ["InstanceType"] = t.InstanceType.Write(context),
            }
            .Put("VolumeKmsKeyId", t.VolumeKmsKey, context);
        var request = new JsonObject
        {
            ["ModelName"] = t.ModelName.Write(context),
            ["TransformInput"] = input,
            ["TransformOutput"] = output,
            ["TransformResources"] = resources,
        }.Put("BatchStrategy", t.Strategy, context)
            .Put("MaxConcurrentTransforms", t.MaxConcurrentTransforms, context)
            .Put("MaxPayloadInMB", t.MaxPayload, context);
        if (t.Environment.Count > 0)
        {
            request["Environment"] = Json.Map(t.Environment, context);
        }

        var processing = new JsonObject()
            .Put("InputFilter", i.InputFilter, context)
            .Put("OutputFilter", i.OutputFilter, context)
            .Put("JoinSource", i.JoinSource, context);
        return processing.Count > 0 ? request.Put("DataProcessing", processing) : request;
    }
}
