using Sluice.Sdk.Expressions;

namespace Sluice.Sdk.Transform;

/// <summary>How a Transform step's batch transform job runs (the Python SDK's <c>Transformer</c>).</summary>
public sealed class Transformer
{
    /// <summary>The model to run, e.g. a Model step's <c>Properties.ModelName</c>.</summary>
    public required PipelineValue ModelName { get; set; }

    /// <summary>The instance type.</summary>
    public required PipelineValue InstanceType { get; set; }

    /// <summary>How many instances; 1 unless set.</summary>
    public PipelineValue InstanceCount { get; set; } = 1;

    /// <summary>Where the results go.</summary>
    public required PipelineValue OutputPath { get; set; }

    /// <summary>The KMS key for the results.</summary>
    public PipelineValue? OutputKmsKey { get; set; }

    /// <summary>How results are put together: <c>None</c> or <c>Line</c>.</summary>
    public PipelineValue? AssembleWith { get; set; }

    /// <summary>The MIME type of the results.</summary>
    public PipelineValue? Accept { get; set; }

    /// <summary>The KMS key for the storage volume.</summary>
    public PipelineValue? VolumeKmsKey { get; set; }

    /// <summary><c>MultiRecord</c> or <c>SingleRecord</c>.</summary>
    public PipelineValue? Strategy { get; set; }

    /// <summary>How many requests at once per instance.</summary>
    public PipelineValue? MaxConcurrentTransforms { get; set; }

    /// <summary>The largest request, in MB.</summary>
    public PipelineValue? MaxPayload { get; set; }

    /// <summary>The container's environment.</summary>
    public IDictionary<string, PipelineValue> Environment { get; init; } = new OrderedDictionary<string, PipelineValue>();
}
