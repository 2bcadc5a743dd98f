using System.Globalization;
using System.Text.RegularExpressions;

namespace Sluice.Definitions;

/// <summary>
/// Reads ISO 8601 durations as CacheConfig.ExpireAfter uses them: <c>P30D</c>, <c>PT1H</c>, <c>P4DT12H</c>, <c>P1W</c>.
/// Case does not matter and the leading <c>P</c> may be left out (<c>T12H</c>), as the SageMaker SDK documents.
/// A year counts 365 days and a month 30.
/// </summary>
public static partial class Iso8601Duration
{
    /// <summary>Parses a duration.</summary>
    /// <param name="text">The text, e.g. <c>PT1H</c>.</param>
    /// <param name="duration">The duration, when the text is one.</param>
    /// <returns>Whether the text is an ISO 8601 duration.</returns>
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var match = Pattern().Match(text);
        if (!match.Success || !HasComponent(match))
        {
            return false;
        }

        double days = (Number(match, "y") * 365) + (Number(match, "mo") * 30) + (Number(match, "w") * 7) + Number(match, "d");
        var seconds = (days * 86400) + (Number(match, "h") * 3600) + (Number(match, "mi") * 60) + Number(match, "s");
        if (seconds > TimeSpan.MaxValue.TotalSeconds)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(seconds);
        return true;
    }

    [GeneratedRegex(
        @"^P?(?:(?<y>\d+(?:\.\d+)?)Y)?(?:(?<mo>\d+(?:\.\d+)?)M)?(?:(?<w>\d+(?:\.\d+)?)W)?(?:(?<d>\d+(?:\.\d+)?)D)?" +
        @"(?<t>T(?:(?<h>\d+(?:\.\d+)?)H)?(?:(?<mi>\d+(?:\.\d+)?)M)?(?:(?<s>\d+(?:\.\d+)?)S)?)?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Pattern();

    private static bool HasComponent(Match match)
    {
        var date = match.Groups["y"].Success || match.Groups["mo"].Success || match.Groups["w"].Success || match.Groups["d"].Success;
        var time = match.Groups["h"].Success || match.Groups["mi"].Success || match.Groups["s"].Success;
        return match.Groups["t"].Success ? time : date;
    }

    private static double Number(Match match, string group) =>
        match.Groups[group].Success ? double.Parse(match.Groups[group].ValueSpan, NumberStyles.Float, CultureInfo.InvariantCulture) : 0;
}
