using System.Globalization;
using System.Text;
using Sluice.Core.Storage;

namespace Sluice.Server.Api;

/// <summary>
/// ListPipelineExecutions' NextToken: opaque to clients (base64), it names the last execution of the page and the order
/// the page was read in, so the next page starts right after that execution, wherever it now is (executions started
/// meanwhile do not shift it). A token given with another order is refused.
/// </summary>
internal static class ExecutionPageToken
{
    private const string Version = "e1";

    /// <summary>The token for the page after <paramref name="last"/>.</summary>
    public static string Write(ExecutionPageQuery query, ExecutionSummary last) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $"{Version}:{Order(query)}:{last.CreationTime.UtcTicks}:{last.Arn}")));

    /// <summary>Where the page a token asks for starts, for a query in the given order.</summary>
    /// <exception cref="ApiException">ValidationException: not a token of this server, or of another order.</exception>
    public static ExecutionCursor Read(string token, ExecutionPageQuery query)
    {
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            throw Invalid();
        }

        var parts = text.Split(':', 4);
        if (parts.Length != 4 || parts[0] != Version || parts[3].Length == 0
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            throw Invalid();
        }

        return parts[1] == Order(query)
            ? new ExecutionCursor(new DateTimeOffset(ticks, TimeSpan.Zero), parts[3])
            : throw ApiException.Validation("Invalid NextToken: it continues a list in another SortBy or SortOrder.");
    }

    private static string Order(ExecutionPageQuery query) =>
        (query.SortBy == ExecutionSortBy.CreationTime ? "C" : "A") + (query.Ascending ? "A" : "D");

    private static ApiException Invalid() => ApiException.Validation("Invalid NextToken.");
}
