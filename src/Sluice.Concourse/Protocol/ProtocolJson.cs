using System.Text.Json;

namespace Sluice.Concourse.Protocol;

/// <summary>Writes the one JSON document a command answers with.</summary>
internal static class ProtocolJson
{
    /// <summary>The answer of <c>check</c>: versions, oldest first.</summary>
    public static string Serialize(IReadOnlyList<ExecutionVersion> versions) =>
        JsonSerializer.Serialize(versions, ProtocolJsonContext.Default.IReadOnlyListExecutionVersion);

    /// <summary>The answer of <c>in</c> or <c>out</c>.</summary>
    public static string Serialize(ResourceResponse response) =>
        JsonSerializer.Serialize(response, ProtocolJsonContext.Default.ResourceResponse);
}
