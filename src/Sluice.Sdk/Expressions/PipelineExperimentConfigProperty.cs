using System.Text.Json.Nodes;
using Sluice.Sdk.Serialization;

namespace Sluice.Sdk.Expressions;

/// <summary>A member of the pipeline's experiment configuration, <c>{"Get": "PipelineExperimentConfig.&lt;name&gt;"}</c>.</summary>
public sealed class PipelineExperimentConfigProperty : PipelineVariable
{
    private PipelineExperimentConfigProperty(string name) => Name = name;

    /// <summary>The experiment's name.</summary>
    public static PipelineExperimentConfigProperty ExperimentName { get; } = new("ExperimentName");

    /// <summary>The trial's name.</summary>
    public static PipelineExperimentConfigProperty TrialName { get; } = new("TrialName");

    /// <summary>The member's name.</summary>
    public string Name { get; }

    internal override JsonNode Write(BuildContext context) => new JsonObject { ["Get"] = $"PipelineExperimentConfig.{Name}" };
}
