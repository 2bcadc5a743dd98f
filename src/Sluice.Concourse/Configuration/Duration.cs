using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Sluice.Concourse.Configuration;

/// <summary>
/// Durations as Concourse writes them (<c>90s</c>, <c>30m</c>, <c>1h30m</c>, <c>500ms</c>), or a number of seconds.
/// </summary>
internal static partial class Duration
{
    /// <summary>Reads a duration.</summary>
    /// <param name="value">A string such as <c>1h30m</c>, or a number of seconds.</param>
    /// <param name="key">The key for messages, e.g. <c>params.wait_timeout</c>.</param>
    /// <returns>The duration, more than zero.</returns>
    /// <exception cref="ResourceException">The value is not a positive duration.</exception>
    public static TimeSpan Parse(JsonElement value, string key)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds))
        {
            return Positive(seconds, value.GetRawText(), key);
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return Parse(value.GetString()!, key);
        }

        throw Invalid(value.GetRawText(), key);
    }

    /// <summary>Reads a duration written as text.</summary>
    /// <param name="text">E.g. <c>1h30m</c>, <c>45s</c>, or <c>90</c> (seconds).</param>
    /// <param name="key">The key for messages.</param>
    /// <returns>The duration, more than zero.</returns>
    /// <exception cref="ResourceException">The text is not a positive duration.</exception>
    public static TimeSpan Parse(string text, string key)
    {
        var trimmed = text.Trim();
        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain))
        {
            return Positive(plain, text, key);
        }

        var match = Pattern().Match(trimmed);
        if (!match.Success)
        {
            throw Invalid($"'{text}'", key);
        }

        var total = 0.0;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            var unitAt = part.Value.IndexOfAny(['h', 'm', 's']);
            var amount = double.Parse(part.Value[..unitAt], NumberStyles.Float, CultureInfo.InvariantCulture);
            total += part.Value[unitAt..] switch
            {
                "h" => amount * 3600,
                "m" => amount * 60,
                "s" => amount,
                _ => amount / 1000, // ms
            };
        }

        return Positive(total, $"'{text}'", key);
    }

    /// <summary>Writes a duration briefly: <c>1h 2m 3s</c>, <c>4.5s</c>.</summary>
    /// <param name="duration">The duration.</param>
    /// <returns>The text.</returns>
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.FromMinutes(1))
        {
            return duration.TotalSeconds.ToString(duration.TotalSeconds < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + "s";
        }

        var parts = new List<string>();
        if (duration.TotalHours >= 1)
        {
            parts.Add(((int)duration.TotalHours).ToString(CultureInfo.InvariantCulture) + "h");
        }

        parts.Add(duration.Minutes.ToString(CultureInfo.InvariantCulture) + "m");
        parts.Add(duration.Seconds.ToString(CultureInfo.InvariantCulture) + "s");
        return string.Join(' ', parts);
    }

    private static TimeSpan Positive(double seconds, string shown, string key) =>
        seconds > 0 && seconds <= TimeSpan.MaxValue.TotalSeconds / 2 ? TimeSpan.FromSeconds(seconds) : throw Invalid(shown, key);

    private static ResourceException Invalid(string shown, string key) =>
        new($"{key} {shown} is not a duration; write e.g. 90s, 30m, 1h30m or 500ms, or a number of seconds.");

    [GeneratedRegex(@"^(?<part>\d+(?:\.\d+)?(?:ms|h|m|s))+$")]
    private static partial Regex Pattern();
}
