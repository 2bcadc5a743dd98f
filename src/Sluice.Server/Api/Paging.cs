using System.Globalization;

namespace Sluice.Server.Api;

/// <summary>
/// Lists that are read whole: one page of them (NextToken names the next page by offset, <see cref="OffsetPageToken"/>),
/// and the creation-time window their requests filter by.
/// </summary>
internal static class Paging
{
    /// <summary>The page a request's MaxResults (1 to <paramref name="maxSize"/>, default <paramref name="defaultSize"/>) and NextToken select.</summary>
    /// <returns>The items of the page, and the token of the next one when there is more.</returns>
    public static (List<T> Items, string? NextToken) Page<T>(IReadOnlyList<T> items, int? maxResults, string? nextToken, int defaultSize = 50, int maxSize = 100)
    {
        var size = maxResults ?? defaultSize;
        if (size < 1 || size > maxSize)
        {
            throw ApiException.Validation(string.Create(CultureInfo.InvariantCulture, $"1 validation error detected: Value '{size}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and {maxSize}"));
        }

        var offset = nextToken is null ? 0 : OffsetPageToken.Read(nextToken);
        var page = items.Skip(offset).Take(size).ToList();
        return (page, items.Count - size > offset ? OffsetPageToken.Write(offset + size) : null); // offset + size could overflow: a token may name any offset
    }

    /// <summary>
    /// Whether a time is inside an after–before window (both exclusive), compared to the millisecond as responses give
    /// it, so a time read from a list and sent back excludes that item.
    /// </summary>
    public static bool InRange(DateTimeOffset time, DateTimeOffset? after, DateTimeOffset? before)
    {
        var listed = DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());
        return (after is not { } a || listed > a) && (before is not { } b || listed < b);
    }
}
