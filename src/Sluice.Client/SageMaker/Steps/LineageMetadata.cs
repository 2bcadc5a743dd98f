namespace Sluice.Client.SageMaker.Steps;

/// <summary>The metadata that tracks relationships between ML artifacts, actions, and contexts.</summary>
public sealed record LineageMetadata
{
    /// <summary>The Amazon Resource Name (ARN) of the lineage action.</summary>
    public IReadOnlyDictionary<string, string>? ActionArns { get; init; }

    /// <summary>The Amazon Resource Name (ARN) of the lineage artifact.</summary>
    public IReadOnlyDictionary<string, string>? ArtifactArns { get; init; }

    /// <summary>The Amazon Resource Name (ARN) of the lineage context.</summary>
    public IReadOnlyDictionary<string, string>? ContextArns { get; init; }

    /// <summary>The lineage associations.</summary>
    public IReadOnlyList<AssociationInfo>? Associations { get; init; }
}
