using Sluice.Sdk.Code;
using Sluice.Sdk.Steps;

namespace Sluice.Sdk.Serialization;

/// <summary>
/// What writing a pipeline needs to know and collects: the pipeline's name and session, the steps the values of the
/// step being written read from (its data dependencies), and the code it needs uploaded.
/// </summary>
internal sealed class BuildContext
{
    private readonly List<Step> _referenced = [];
    private readonly List<CodeArtifact> _artifacts;
    private readonly bool _detached;

    private BuildContext(string? pipelineName, PipelineSession session, List<CodeArtifact> artifacts, Step? step, bool detached)
    {
        PipelineName = pipelineName;
        Session = session;
        _artifacts = artifacts;
        Step = step;
        _detached = detached;
    }

    /// <summary>A context outside any pipeline, for showing one value's JSON.</summary>
    public static BuildContext Detached => new(null, new PipelineSession(), [], null, detached: true);

    /// <summary>The pipeline's name, when a pipeline is being written.</summary>
    public string? PipelineName { get; }

    /// <summary>The session settings: region and default bucket.</summary>
    public PipelineSession Session { get; }

    /// <summary>The step being written.</summary>
    public Step? Step { get; }

    /// <summary>The steps read from so far, in the order first seen.</summary>
    public IReadOnlyList<Step> Referenced => _referenced;

    /// <summary>The code to upload, collected from every step written with this pipeline.</summary>
    public IReadOnlyList<CodeArtifact> Artifacts => _artifacts;

    /// <summary>A context for writing a pipeline.</summary>
    public static BuildContext ForPipeline(string pipelineName, PipelineSession session) => new(pipelineName, session, [], null, detached: false);

    /// <summary>A context for writing one step of the same pipeline, with its own list of steps read from.</summary>
    public BuildContext ForStep(Step step) => new(PipelineName, Session, _artifacts, step, _detached);

    /// <summary>Notes that the value being written reads a step's properties.</summary>
    public void Reference(Step step)
    {
        if (!_detached && !_referenced.Contains(step))
        {
            _referenced.Add(step);
        }
    }

    /// <summary>Notes code that must be uploaded before the pipeline runs.</summary>
    public void AddArtifact(CodeArtifact artifact)
    {
        if (!_detached && !_artifacts.Any(a => a.S3Uri == artifact.S3Uri))
        {
            _artifacts.Add(artifact);
        }
    }

    /// <summary>The pipeline's name, for paths the SDK derives from it.</summary>
    /// <exception cref="InvalidOperationException">Outside a pipeline.</exception>
    public string RequirePipelineName(string what) =>
        PipelineName ?? throw new InvalidOperationException($"{what} depends on the pipeline's name; write it as part of a Pipeline");

    /// <summary>The session's default bucket, for paths the SDK derives from it.</summary>
    /// <exception cref="InvalidOperationException">When the session has none.</exception>
    public string RequireDefaultBucket(string what) =>
        Session.DefaultBucket ?? throw new InvalidOperationException(
            $"{what} goes to the default bucket, and the pipeline's PipelineSession.DefaultBucket is not set");
}
