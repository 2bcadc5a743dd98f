using Sluice.Sdk;
using Sluice.Sdk.Parameters;

namespace Sluice.Config.Shared;

/// <summary>
/// An environment's <c>shared_config.yaml</c>: the project, where it runs (region, bucket, role), tags, the defaults
/// steps fall back to, the pipeline's parameters and the assemblies of custom step factories. Anything else steps
/// share goes under <c>values</c>, read with <c>${shared.values.KEY}</c>.
/// </summary>
public sealed record SharedConfig
{
    /// <summary>The file, as messages show it.</summary>
    public required string File { get; init; }

    /// <summary>The environment, e.g. <c>dev</c>.</summary>
    public required string Environment { get; init; }

    /// <summary><c>project_name</c>.</summary>
    public required string ProjectName { get; init; }

    /// <summary><c>project_version</c>, when given.</summary>
    public string? ProjectVersion { get; init; }

    /// <summary><c>pipeline_name</c>, else the project's name.</summary>
    public required string PipelineName { get; init; }

    /// <summary><c>description</c>: the pipeline's description when it is created or updated on a server.</summary>
    public string? Description { get; init; }

    /// <summary><c>region</c>, when given: written into the definition (script-mode hyperparameters, model environments) and where <c>sluice upsert</c> sends the pipeline.</summary>
    public string? Region { get; init; }

    /// <summary><c>bucket</c>: the default bucket (local code is uploaded there; outputs without a destination go there).</summary>
    public string? Bucket { get; init; }

    /// <summary><c>bucket_prefix</c>: a key prefix inside the default bucket.</summary>
    public string? BucketPrefix { get; init; }

    /// <summary><c>role_arn</c>: the role steps run as unless they say otherwise, and the pipeline's role on a server.</summary>
    public string? RoleArn { get; init; }

    /// <summary><c>tags</c>: the pipeline's tags on a server, and the tags of every Processing and Training job (a step's own tags win).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Tags { get; init; } = [];

    /// <summary><c>defaults</c>: what job steps take when they do not say.</summary>
    public SharedDefaults Defaults { get; init; } = new();

    /// <summary><c>parameters</c>: the pipeline's parameters, in order.</summary>
    public IReadOnlyList<Parameter> Parameters { get; init; } = [];

    /// <summary><c>factory_assemblies</c>: assemblies whose <c>[StepFactory]</c> classes are registered for this build.</summary>
    public IReadOnlyList<FactoryAssemblyReference> FactoryAssemblies { get; init; } = [];

    /// <summary>The session the definition is written for: the region (<c>us-east-1</c> unless given) and the default bucket.</summary>
    public PipelineSession Session => new() { Region = Region ?? "us-east-1", DefaultBucket = Bucket, DefaultBucketPrefix = BucketPrefix };

    /// <summary>The line each parameter is declared on, for messages.</summary>
    internal IReadOnlyDictionary<string, int> ParameterLines { get; init; } = new Dictionary<string, int>();

    /// <summary>The line the file starts on and the lines of its keys, for messages about the file as a whole.</summary>
    internal IReadOnlyDictionary<string, int> KeyLines { get; init; } = new Dictionary<string, int>();
}
