using Sluice.Core.Storage;

namespace Sluice.Core.Execution;

/// <summary>What StartPipelineExecution asks for.</summary>
public sealed record StartExecutionRequest
{
    /// <summary>The pipeline's name or ARN.</summary>
    public required string PipelineName { get; init; }

    /// <summary>The version to run; the latest when <see langword="null"/>.</summary>
    public long? PipelineVersion { get; init; }

    /// <summary>Parameter values as text; the rest take their defaults.</summary>
    public IReadOnlyList<ParameterValue> Parameters { get; init; } = [];

    /// <summary>PipelineExecutionDisplayName.</summary>
    public string? DisplayName { get; init; }

    /// <summary>PipelineExecutionDescription.</summary>
    public string? Description { get; init; }

    /// <summary>ParallelismConfiguration.MaxParallelExecutionSteps; overrides the pipeline's.</summary>
    public int? MaxParallelExecutionSteps { get; init; }

    /// <summary>SelectiveExecutionConfig: run only some steps, taking the others' outputs from an earlier execution.</summary>
    public SelectiveExecution? Selective { get; init; }

    /// <summary>
    /// A ClientRequestToken to claim and answer in the same commit as the execution (the server's idempotency); a token
    /// another request holds stores nothing and throws <see cref="ClientTokenTakenException"/>.
    /// </summary>
    public StartClientToken? ClientToken { get; init; }
}

/// <summary>SelectiveExecutionConfig.</summary>
/// <param name="SourceExecutionArn">The execution whose step outputs the steps not selected provide.</param>
/// <param name="SelectedSteps">The steps to run.</param>
public sealed record SelectiveExecution(string SourceExecutionArn, IReadOnlyList<string> SelectedSteps);
