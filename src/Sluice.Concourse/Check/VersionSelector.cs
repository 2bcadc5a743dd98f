namespace Sluice.Concourse.Check;

/// <summary>
/// The check rule of the Concourse Tools SageMaker example, without its crash: given the matching executions newest
/// first, the first check returns the newest only; a later check returns the given version and every newer one, oldest
/// first; when the given version is no longer among them, the newest only; when there are none, nothing.
/// </summary>
internal static class VersionSelector
{
    /// <summary>Selects the versions to report.</summary>
    /// <param name="newestFirst">The ARNs of the matching executions, newest first; read only as far as needed.</param>
    /// <param name="previous">The version Concourse has, or <see langword="null"/> on the first check.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The versions, oldest first.</returns>
    public static async Task<IReadOnlyList<string>> SelectAsync(IAsyncEnumerable<string> newestFirst, string? previous, CancellationToken cancellationToken)
    {
        var newer = new List<string>();
        await foreach (var arn in newestFirst.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            newer.Add(arn);
            if (previous is null || arn == previous)
            {
                newer.Reverse();
                return newer;
            }
        }

        // The previous version has gone (or there never was one and nothing matches): the newest alone, if any.
        return newer.Count == 0 ? [] : [newer[0]];
    }
}
