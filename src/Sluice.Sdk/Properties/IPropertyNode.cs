using Sluice.Sdk.Steps;

namespace Sluice.Sdk.Properties;

/// <summary>A kind of property node that lists, maps and structures can create at a path.</summary>
/// <typeparam name="TSelf">The node type.</typeparam>
public interface IPropertyNode<TSelf>
    where TSelf : PropertyNode
{
    /// <summary>Creates the node for a step's property at a path.</summary>
    /// <param name="step">The step whose property it is.</param>
    /// <param name="path">The path below <c>Steps.&lt;name&gt;</c>, e.g. <c>ModelArtifacts.S3ModelArtifacts</c>.</param>
    /// <returns>The node.</returns>
    static abstract TSelf Create(Step step, string path);
}
