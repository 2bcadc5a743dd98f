using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Sluice.Definitions.Json;

/// <summary>
/// The path of the element a walk is at, kept as segments and turned into text only when something is found there,
/// so that walking large documents allocates nothing per element.
/// </summary>
internal sealed class PathStack
{
    private readonly List<(JsonProperty? Member, int Index)> _segments = [];
    private readonly JsonProperty? _rootMember;
    private string? _root;

    public PathStack(string root) => _root = root;

    /// <summary>A path that starts with a member's name as written (not as a path segment), read only if printed.</summary>
    public PathStack(JsonProperty rootMember) => _rootMember = rootMember;

    /// <summary>Enters a member; its name is read only if the path is ever printed.</summary>
    public void Push(JsonProperty member) => _segments.Add((member, -1));

    public void Push(int index) => _segments.Add((null, index));

    public void Pop() => _segments.RemoveAt(_segments.Count - 1);

    /// <summary>
    /// The path as <see cref="JsonPaths"/> writes it, built in one buffer: a plain ASCII member name is copied from the
    /// document's UTF-8 bytes, so no string is made per segment; other names take <see cref="JsonPaths.Member"/>'s way.
    /// </summary>
    public override string ToString()
    {
        var root = _root ??= _rootMember!.Value.Name;
        if (_segments.Count == 0)
        {
            return root;
        }

        var text = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture, stackalloc char[256]);
        text.AppendFormatted(root);
        var empty = root.Length == 0;
        Span<char> name = stackalloc char[64];
        foreach (var (member, index) in _segments)
        {
            if (member is not { } m)
            {
                text.AppendFormatted('[');
                text.AppendFormatted(index);
                text.AppendFormatted(']');
            }
            else if (JsonMarshal.GetRawUtf8PropertyName(m) is var raw && raw.Length <= name.Length && JsonPaths.IsPlainAscii(raw))
            {
                var chars = name[..raw.Length];
                for (var i = 0; i < raw.Length; i++)
                {
                    chars[i] = (char)raw[i];
                }

                if (!empty)
                {
                    text.AppendFormatted('.');
                }

                text.AppendFormatted((ReadOnlySpan<char>)chars);
            }
            else
            {
                // Escaped, non-ASCII, long or not an identifier: exactly what JsonPaths.Member appends to a path.
                var suffix = JsonPaths.Member(empty ? string.Empty : "x", m.Name);
                text.AppendFormatted(empty ? suffix : suffix.AsSpan(1));
            }

            empty = false;
        }

        return text.ToStringAndClear();
    }
}
