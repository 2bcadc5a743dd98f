using System.Text.Json.Nodes;
using Sluice.Definitions.Json;

namespace Sluice.Core.Export.StepFunctions;

/// <summary>An AWS Batch job definition derived from a job step, registered under a content-addressed name.</summary>
/// <param name="Name">The job definition's name: <c>sluice-</c> and a hash of its content, so equal steps share one.</param>
/// <param name="Steps">The steps that run with it.</param>
/// <param name="Definition">The RegisterJobDefinition request (without <c>jobDefinitionName</c>), in CloudFormation's property names.</param>
public sealed record BatchJobDefinition(string Name, IReadOnlyList<string> Steps, JsonObject Definition);
