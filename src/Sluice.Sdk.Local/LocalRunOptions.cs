using Sluice.Core.Configuration;

namespace Sluice.Sdk.Local;

/// <summary>How <see cref="LocalPipelineExtensions.RunLocallyAsync"/> runs a pipeline.</summary>
public sealed record LocalRunOptions
{
    /// <summary>The data directory: state, objects, job folders and logs; <c>.sluice</c> unless set, as for <c>sluice run</c>.</summary>
    public string DataDirectory { get; init; } = ".sluice";

    /// <summary>Parameter values by name, as text (<c>"1000"</c>, <c>"true"</c>); the others take their defaults.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>The Sluice configuration (the Python interpreter, image mappings, Lambda stand-ins); none unless set.</summary>
    public SluiceConfiguration Configuration { get; init; } = SluiceConfiguration.Empty;

    /// <summary>The IAM role recorded with the pipeline.</summary>
    public string? RoleArn { get; init; }

    /// <summary>At most this many steps of the execution at once.</summary>
    public int? MaxParallelExecutionSteps { get; init; }

    /// <summary>Whether to upload the pipeline's local code to the data directory's object store first; <see langword="true"/> unless set.</summary>
    public bool UploadCode { get; init; } = true;
}
