namespace Sluice.Definitions.Graph;

/// <summary>Why one step must wait for another.</summary>
public enum EdgeKind
{
    /// <summary>The later step names the earlier one in its <c>DependsOn</c>.</summary>
    DependsOn,

    /// <summary>The later step reads a property of the earlier one (a <c>Get</c> or a property file).</summary>
    Data,

    /// <summary>The later step is in a branch of the earlier Condition step.</summary>
    Condition,
}
