using Sluice.Config.Reading;
using Sluice.Sdk.Expressions;
using Sluice.Sdk.Steps;

namespace Sluice.Config.Factories.Callbacks;

/// <summary>
/// The config model of <see cref="LambdaStepFactory"/>: <c>function_arn</c>, <c>inputs</c> (the event's members, any
/// values) and <c>outputs</c> (<c>{name, type}</c>; read them as <c>${steps.STEP.outputs.NAME}</c>).
/// </summary>
/// <example>
/// <code>
/// step_name: Notify
/// step_factory_class: LambdaStepFactory
/// function_arn: arn:aws:lambda:us-east-1:111122223333:function:notify
/// inputs: {model: "${steps.TrainModel.ModelArtifacts.S3ModelArtifacts}", threshold: 3500.0}
/// outputs: [{name: status}]
/// </code>
/// </example>
public sealed record LambdaStepConfig
{
    /// <summary>The function's ARN.</summary>
    public required string FunctionArn { get; init; }

    /// <summary>The event's members, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, PipelineValue>> Inputs { get; init; } = [];

    /// <summary>The outputs the function answers with.</summary>
    public IReadOnlyList<OutputParameter> Outputs { get; init; } = [];

    /// <summary>Reads the model from a step's configuration.</summary>
    /// <param name="section">The step file's top level.</param>
    /// <returns>The model.</returns>
    public static LambdaStepConfig Read(ConfigSection section) => new()
    {
        FunctionArn = section.Text("function_arn"),
        Inputs = section.ValueMap("inputs", ValueKind.Any),
        Outputs = OutputParameterReader.Read(section),
    };
}
