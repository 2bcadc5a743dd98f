namespace Sluice.Client.SageMaker.Registry;

/// <summary>A structure describing the current state of the model in its life cycle.</summary>
/// <param name="Stage">The current stage in the model life cycle.</param>
/// <param name="StageStatus">The current status of a stage in model life cycle.</param>
/// <param name="StageDescription">Describes the stage related details.</param>
public sealed record ModelLifeCycle(string Stage, string StageStatus, string? StageDescription = null);
