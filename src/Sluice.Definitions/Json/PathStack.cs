using System.Text.Json;

namespace Sluice.Definitions.Json;

/// <summary>
/// The path of the element a walk is at, kept as segments and turned into text only when something is found there,
/// so that walking large documents allocates nothing per element.
/// </summary>
internal sealed class PathStack
{
    private readonly List<(JsonProperty? Member, int Index)> _segments = [];
    private readonly string _root;

    public PathStack(string root) => _root = root;

    /// <summary>Enters a member; its name is read only if the path is ever printed.</summary>
    public void Push(JsonProperty member) => _segments.Add((member, -1));

    public void Push(int index) => _segments.Add((null, index));

    public void Pop() => _segments.RemoveAt(_segments.Count - 1);

    public override string ToString()
    {
        var path = _root;
        foreach (var (member, index) in _segments)
        {
            path = member is { } m ? JsonPaths.Member(path, m.Name) : JsonPaths.Index(path, index);
        }

        return path;
    }
}
