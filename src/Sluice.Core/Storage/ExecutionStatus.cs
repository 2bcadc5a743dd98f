namespace Sluice.Core.Storage;

/// <summary>A pipeline execution's status, as DescribePipelineExecution reports it.</summary>
public enum ExecutionStatus
{
    /// <summary>Steps are running or waiting.</summary>
    Executing,

    /// <summary>A stop was asked for; running steps are being stopped.</summary>
    Stopping,

    /// <summary>Stopped before it finished.</summary>
    Stopped,

    /// <summary>A step failed, or a Fail step ran.</summary>
    Failed,

    /// <summary>Every step that had to run succeeded.</summary>
    Succeeded,
}
