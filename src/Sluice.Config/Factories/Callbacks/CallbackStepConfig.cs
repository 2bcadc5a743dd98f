using Sluice.Config.Reading;
using Sluice.Sdk.Expressions;
using Sluice.Sdk.Steps;

namespace Sluice.Config.Factories.Callbacks;

/// <summary>
/// The config model of <see cref="CallbackStepFactory"/>: <c>sqs_queue_url</c>, <c>inputs</c> (the message's
/// arguments, any values) and <c>outputs</c> (<c>{name, type}</c>; read them as <c>${steps.STEP.outputs.NAME}</c>).
/// </summary>
/// <example>
/// <code>
/// step_name: ApproveModel
/// step_factory_class: CallbackStepFactory
/// sqs_queue_url: https://sqs.us-east-1.amazonaws.com/111122223333/approvals
/// inputs: {model: "${steps.TrainModel.ModelArtifacts.S3ModelArtifacts}"}
/// outputs: [{name: approved, type: Boolean}]
/// </code>
/// </example>
public sealed record CallbackStepConfig
{
    /// <summary>The queue's URL.</summary>
    public required string SqsQueueUrl { get; init; }

    /// <summary>The message's arguments, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, PipelineValue>> Inputs { get; init; } = [];

    /// <summary>The outputs the answer gives.</summary>
    public IReadOnlyList<OutputParameter> Outputs { get; init; } = [];

    /// <summary>Reads the model from a step's configuration.</summary>
    /// <param name="section">The step file's top level.</param>
    /// <returns>The model.</returns>
    public static CallbackStepConfig Read(ConfigSection section) => new()
    {
        SqsQueueUrl = section.Text("sqs_queue_url"),
        Inputs = section.ValueMap("inputs", ValueKind.Any),
        Outputs = OutputParameterReader.Read(section),
    };
}
