namespace Sluice.Core.Storage;

/// <summary>A step's status within an execution, as ListPipelineExecutionSteps reports it.</summary>
public enum StepStatus
{
    /// <summary>Its dependencies are done and it is being started (or waits for a job slot or a retry).</summary>
    Starting,

    /// <summary>Running.</summary>
    Executing,

    /// <summary>A stop was asked for; the step is being stopped.</summary>
    Stopping,

    /// <summary>Stopped before it finished.</summary>
    Stopped,

    /// <summary>Failed after its last attempt.</summary>
    Failed,

    /// <summary>Finished successfully, or taken from the cache.</summary>
    Succeeded,
}
