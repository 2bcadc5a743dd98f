namespace Sluice.Core.Execution;

/// <summary>Where a cache key attribute is found in a step's definition.</summary>
public enum CacheKeyScope
{
    /// <summary>A member of the step's Arguments, after its expressions are resolved.</summary>
    Arguments,

    /// <summary>A member of the step itself (beside Arguments), after its expressions are resolved.</summary>
    Step,
}
