using System.Text.Json.Nodes;
using Sluice.Sdk.Expressions;
using Sluice.Sdk.Serialization;

namespace Sluice.Sdk.Steps;

/// <summary>Ends the execution as Failed with <see cref="ErrorMessage"/>: <c>{"Type": "Fail", "Arguments": {"ErrorMessage"}}</c>. It has no properties.</summary>
/// <param name="name">The step's name.</param>
/// <param name="errorMessage">The failure reason: text, or a value such as a <see cref="Join"/>; empty unless given.</param>
public sealed class FailStep(string name, PipelineValue? errorMessage = null) : Step(name)
{
    /// <summary>The failure reason.</summary>
    public PipelineValue ErrorMessage { get; set; } = errorMessage ?? string.Empty;

    /// <inheritdoc />
    public override string StepType => "Fail";

    internal override JsonNode WriteArguments(BuildContext context) => new JsonObject { ["ErrorMessage"] = ErrorMessage.Write(context) };
}
