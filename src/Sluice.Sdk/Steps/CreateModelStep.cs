using System.Text.Json.Nodes;
using Sluice.Sdk.Models;
using Sluice.Sdk.Properties;
using Sluice.Sdk.Serialization;

namespace Sluice.Sdk.Steps;

/// <summary>
/// Creates a model: <c>{"Type": "Model", "Arguments": CreateModel request}</c>. <see cref="ModelStep.Create"/> names
/// it <c>&lt;name&gt;-CreateModel</c>, as the Python SDK's <c>ModelStep</c> does; this class takes the name as given.
/// </summary>
/// <param name="name">The step's name.</param>
/// <param name="model">The model.</param>
public sealed class CreateModelStep(string name, Model model) : ConfigurableRetryStep(name)
{
    /// <summary>The model.</summary>
    public Model Model { get; set; } = model;

    /// <summary>The step's properties: the DescribeModel response, e.g. <c>Properties.ModelName</c>.</summary>
    public ModelProperties Properties => RootProperties<ModelProperties>();

    /// <inheritdoc />
    public override string StepType => "Model";

    internal override JsonNode WriteArguments(BuildContext context)
    {
        var role = Model.Role ?? throw new InvalidOperationException($"the model of step '{Name}' needs a Role");
        return new JsonObject { ["ExecutionRoleArn"] = role.Write(context), ["PrimaryContainer"] = Model.WriteContainer(context) }
            .Put("EnableNetworkIsolation", Model.EnableNetworkIsolation, context);
    }
}
