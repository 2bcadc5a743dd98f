using System.Text.Json.Nodes;
using Sluice.Definitions.Json;

namespace Sluice.Core.Export.StepFunctions;

/// <summary>What <see cref="StepFunctionsExporter"/> produces for a pipeline.</summary>
public sealed record StepFunctionsExport
{
    /// <summary>
    /// The state machine in the Amazon States Language. <c>${...}</c> placeholders (<c>ArtifactBucket</c>,
    /// <c>JobQueueArn</c>, <c>Region</c>, <c>AccountId</c>) are filled by CloudFormation's <c>DefinitionSubstitutions</c>.
    /// </summary>
    public required JsonObject StateMachine { get; init; }

    /// <summary>The Batch job definitions, with <see cref="ComputeTarget.Batch"/>; empty otherwise.</summary>
    public required IReadOnlyList<BatchJobDefinition> JobDefinitions { get; init; }

    /// <summary>The CloudFormation template creating the state machine, its IAM role and the job definitions.</summary>
    public required JsonObject Template { get; init; }

    /// <summary>The README for the output folder: how to deploy and start the state machine.</summary>
    public required string Readme { get; init; }

    /// <summary>The features exported approximately (only with <see cref="StepFunctionsExportOptions.AllowApproximations"/>).</summary>
    public required IReadOnlyList<ExportProblem> Approximations { get; init; }

    /// <summary>
    /// Notes that change no outcome: steps that lose concurrency where the graph is not series-parallel (and why),
    /// steps that never run, and settings that are not exported (CacheConfig).
    /// </summary>
    public required IReadOnlyList<ExportProblem> Notes { get; init; }

    /// <summary>The execution input that runs the pipeline with its parameters' defaults.</summary>
    public required JsonObject SampleInput { get; init; }
}
