namespace Sluice.Core.Execution;

/// <summary>One attribute of a step that counts in its cache key.</summary>
/// <param name="Name">The member's name.</param>
/// <param name="Scope">Where the member is: in the step's Arguments (the job request) or on the step itself.</param>
/// <param name="Children">
/// When only some of the member's own members count (SageMaker's list names them, as for a Tuning step's
/// TrainingJobDefinition), those members; <see langword="null"/> when the whole member counts.
/// </param>
public sealed record CacheKeyMember(string Name, CacheKeyScope Scope, IReadOnlyList<string>? Children = null)
{
    /// <summary>The attribute as the documentation writes it: <c>Arguments.Name</c> or <c>Name</c>, with its counted children.</summary>
    /// <returns>For example <c>Arguments.TrainingJobDefinition{AlgorithmSpecification, InputDataConfig}</c>.</returns>
    public override string ToString() =>
        (Scope == CacheKeyScope.Arguments ? "Arguments." : string.Empty) + Name
        + (Children is null ? string.Empty : "{" + string.Join(", ", Children) + "}");
}
