using Sluice.Sdk.Expressions;

namespace Sluice.Sdk.Processing;

/// <summary>
/// How a Processing step's job runs (the Python SDK's <c>Processor</c>/<c>ScriptProcessor</c>): the image, the
/// instances, the role, and the command. With a <see cref="Steps.ProcessingStep.Code"/> script the container runs
/// <see cref="Command"/> followed by the script's path (<c>python3 /opt/ml/processing/input/code/script.py</c>, as
/// <c>SKLearnProcessor</c> does); without one it runs <see cref="Entrypoint"/>.
/// </summary>
public sealed class Processor
{
    /// <summary>The container image.</summary>
    public required PipelineValue ImageUri { get; set; }

    /// <summary>The IAM role the job runs as.</summary>
    public required PipelineValue Role { get; set; }

    /// <summary>The instance type, e.g. <c>ml.m5.xlarge</c>.</summary>
    public required PipelineValue InstanceType { get; set; }

    /// <summary>How many instances; 1 unless set.</summary>
    public PipelineValue InstanceCount { get; set; } = 1;

    /// <summary>The storage volume's size in GB; 30 unless set.</summary>
    public PipelineValue VolumeSizeInGB { get; set; } = 30;

    /// <summary>The KMS key for the storage volume.</summary>
    public PipelineValue? VolumeKmsKey { get; set; }

    /// <summary>The KMS key for the outputs.</summary>
    public PipelineValue? OutputKmsKey { get; set; }

    /// <summary>The longest the job may run, in seconds.</summary>
    public PipelineValue? MaxRuntimeInSeconds { get; set; }

    /// <summary>The command a <see cref="Steps.ProcessingStep.Code"/> script is run with; <c>python3</c> unless set.</summary>
    public IList<string> Command { get; init; } = ["python3"];

    /// <summary>The container's entry point, when the step has no <see cref="Steps.ProcessingStep.Code"/>.</summary>
    public IList<PipelineValue> Entrypoint { get; init; } = [];

    /// <summary>The container's environment.</summary>
    public IDictionary<string, PipelineValue> Environment { get; init; } = new OrderedDictionary<string, PipelineValue>();

    /// <summary>Networking: isolation and VPC.</summary>
    public NetworkConfig? NetworkConfig { get; set; }

    /// <summary>Tags for the job.</summary>
    public IDictionary<string, string> Tags { get; init; } = new OrderedDictionary<string, string>();
}
