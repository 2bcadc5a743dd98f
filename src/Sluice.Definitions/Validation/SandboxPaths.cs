namespace Sluice.Definitions.Validation;

/// <summary>
/// Paths inside a job's sandbox, such as a Processing input's LocalPath, and the host paths they stand for. A job's
/// <c>/opt/ml</c> is a folder of the data directory on the host, so a sandbox path that is not plainly below its root
/// (<c>/opt/ml//tmp/x</c>, <c>/opt/ml/../..</c>) would name a host path once joined to that folder. Both the validator
/// and the runners go through <see cref="Normalize"/>, and the runners through <see cref="Resolve"/>, which refuses
/// anything else before the host is touched.
/// </summary>
public static class SandboxPaths
{
    /// <summary>The sandbox's SageMaker root, which is the job's own folder on the host.</summary>
    public const string MlRoot = "/opt/ml";

    /// <summary>Where SageMaker requires a Processing job's input and output LocalPaths to be.</summary>
    public const string ProcessingRoot = "/opt/ml/processing";

    /// <summary>C0 controls (NUL included), DEL and C1 controls: nothing a folder name should hold.</summary>
    private static readonly System.Buffers.SearchValues<char> ControlCharacters = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(i => (char)i), .. Enumerable.Range(0x7F, 0x21).Select(i => (char)i)]);

    /// <summary>
    /// Checks a sandbox path and gives its normal form: absolute, under <paramref name="root"/>, with no empty,
    /// <c>.</c> or <c>..</c> segment and no control character; one trailing <c>/</c> is allowed and dropped.
    /// </summary>
    /// <param name="path">The path as written, e.g. <c>/opt/ml/processing/train/</c>.</param>
    /// <param name="root">The root it must be under, without a trailing <c>/</c>, e.g. <see cref="ProcessingRoot"/>.</param>
    /// <param name="allowRoot">Whether the root itself is acceptable.</param>
    /// <param name="problem">Why the path is refused, phrased to follow "LocalPath '...'"; <see langword="null"/> when it is not.</param>
    /// <returns>The path without its trailing <c>/</c>, or <see langword="null"/> when it is refused.</returns>
    public static string? Normalize(string path, string root, bool allowRoot, out string? problem)
    {
        problem = Check(path, root, allowRoot);
        return problem is null ? Trim(path) : null;
    }

    /// <summary>The host path of a sandbox path, for a job whose <c>/opt/ml</c> is <paramref name="jobDirectory"/>.</summary>
    /// <param name="jobDirectory">The job's folder on the host.</param>
    /// <param name="sandboxPath">The path inside the sandbox.</param>
    /// <param name="root">The root the path must be under, e.g. <see cref="ProcessingRoot"/>.</param>
    /// <param name="allowRoot">Whether the root itself is acceptable.</param>
    /// <returns>The host path, below <paramref name="jobDirectory"/>.</returns>
    /// <exception cref="ArgumentException">
    /// When the path is refused by <see cref="Normalize"/>, or when a folder on the way to it is a symbolic link (which a
    /// job may have made to reach the host).
    /// </exception>
    public static string Resolve(string jobDirectory, string sandboxPath, string root, bool allowRoot = false)
    {
        if (Normalize(sandboxPath, root, allowRoot, out var problem) is not { } normal)
        {
            throw new ArgumentException($"LocalPath '{Show(sandboxPath)}' is refused: it {problem}");
        }

        var top = Path.TrimEndingDirectorySeparator(Path.GetFullPath(jobDirectory));
        var host = top;
        foreach (var segment in normal[MlRoot.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            host = Path.Join(host, segment);
            if (new FileInfo(host).LinkTarget is not null)
            {
                throw new ArgumentException($"LocalPath '{normal}' is refused: {host[top.Length..]} in the job's folder is a symbolic link, which could lead outside it");
            }
        }

        // Checked above segment by segment; this guards the guarantee itself.
        if (host != top && !Path.GetFullPath(host).StartsWith(top + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"LocalPath '{normal}' is refused: it leads outside the job's folder");
        }

        return host;
    }

    private static string? Check(string path, string root, bool allowRoot)
    {
        if (path.Length == 0)
        {
            return "is empty";
        }

        if (path.AsSpan().ContainsAny(ControlCharacters))
        {
            return "holds a control character";
        }

        if (path[0] != '/')
        {
            return $"is relative; give an absolute path under {root}/";
        }

        // Segments are looked at as spans of the path: checking a clean path allocates nothing.
        var normal = TrimmedSpan(path);
        foreach (var range in normal[1..].Split('/'))
        {
            var segment = normal[1..][range];
            if (segment.IsEmpty)
            {
                return "has an empty segment ('//')";
            }

            if (segment is ".")
            {
                return "has a '.' segment";
            }

            if (segment is "..")
            {
                return $"has a '..' segment, which could lead outside {root}/";
            }
        }

        if (normal.SequenceEqual(root))
        {
            return allowRoot ? null : $"is {root} itself; give a folder under it";
        }

        return normal.Length > root.Length && normal[root.Length] == '/' && normal.StartsWith(root, StringComparison.Ordinal)
            ? null
            : $"is not under {root}/";
    }

    private static string Trim(string path) => path.Length > 1 && path[^1] == '/' ? path[..^1] : path;

    private static ReadOnlySpan<char> TrimmedSpan(string path) => path.Length > 1 && path[^1] == '/' ? path.AsSpan(0, path.Length - 1) : path;

    /// <summary>The path as it can be printed: control characters shown as <c>\uXXXX</c>.</summary>
    private static string Show(string path) =>
        string.Concat(path.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString()));
}
