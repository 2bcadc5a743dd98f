using System.Globalization;
using System.Text.Json;

namespace Sluice.Core.Storage;

/// <summary>
/// The queue attributes the queues honour, with SQS's defaults and ranges: <c>VisibilityTimeout</c> (30 s, 0 to
/// 43,200), <c>DelaySeconds</c> (0, 0 to 900), <c>MessageRetentionPeriod</c> (4 days, 60 to 1,209,600),
/// <c>ReceiveMessageWaitTimeSeconds</c> (0, 0 to 20) and <c>MaximumMessageSize</c> (262,144, 1,024 to 262,144).
/// Other attributes SQS defines (<c>Policy</c>, <c>RedrivePolicy</c>, ...) are kept and returned, not acted on.
/// </summary>
/// <param name="VisibilityTimeout">How long a received message stays hidden by default.</param>
/// <param name="Delay">How long a sent message stays hidden by default.</param>
/// <param name="Retention">How long a message is kept after it is sent.</param>
/// <param name="ReceiveWaitTime">How long a receive waits for a message by default (long polling).</param>
/// <param name="MaximumMessageSize">The largest body, in bytes.</param>
public sealed record QueueSettings(TimeSpan VisibilityTimeout, TimeSpan Delay, TimeSpan Retention, TimeSpan ReceiveWaitTime, int MaximumMessageSize)
{
    /// <summary>The attributes the queues act on, with their defaults and ranges.</summary>
    private static readonly Dictionary<string, (int Default, int Min, int Max)> Honoured = new(StringComparer.Ordinal)
    {
        ["VisibilityTimeout"] = (30, 0, 43_200),
        ["DelaySeconds"] = (0, 0, 900),
        ["MessageRetentionPeriod"] = (345_600, 60, 1_209_600),
        ["ReceiveMessageWaitTimeSeconds"] = (0, 0, 20),
        ["MaximumMessageSize"] = (262_144, 1_024, 262_144),
    };

    /// <summary>The attributes that may be set but are kept only.</summary>
    private static readonly HashSet<string> Kept = new(StringComparer.Ordinal)
    {
        "Policy", "RedrivePolicy", "RedriveAllowPolicy", "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds", "SqsManagedSseEnabled",
        "FifoQueue", "ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit",
    };

    /// <summary>The names of the settable attributes with a default, as GetQueueAttributes <c>All</c> lists them.</summary>
    public static IEnumerable<string> Defaulted => Honoured.Keys;

    /// <summary>The default of an honoured attribute, as text.</summary>
    /// <param name="name">The attribute's name, one of <see cref="Defaulted"/>.</param>
    /// <returns>The default.</returns>
    public static string DefaultOf(string name) => Honoured[name].Default.ToString(CultureInfo.InvariantCulture);

    /// <summary>The settings given attributes make, with defaults for those not set.</summary>
    /// <param name="attributes">The attributes (already checked with <see cref="Check"/>).</param>
    /// <returns>The settings.</returns>
    public static QueueSettings From(IReadOnlyDictionary<string, string> attributes)
    {
        int Get(string name) => attributes.TryGetValue(name, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : Honoured[name].Default;
        return new(
            TimeSpan.FromSeconds(Get("VisibilityTimeout")),
            TimeSpan.FromSeconds(Get("DelaySeconds")),
            TimeSpan.FromSeconds(Get("MessageRetentionPeriod")),
            TimeSpan.FromSeconds(Get("ReceiveMessageWaitTimeSeconds")),
            Get("MaximumMessageSize"));
    }

    /// <summary>Checks one attribute a caller sets.</summary>
    /// <param name="name">The attribute's name.</param>
    /// <param name="value">Its value.</param>
    /// <returns>Null when it may be set; otherwise what is wrong, naming the attribute and, for a value out of range, the range.</returns>
    public static string? Check(string name, string value)
    {
        if (Honoured.TryGetValue(name, out var range))
        {
            return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= range.Min && number <= range.Max
                ? null
                : string.Create(CultureInfo.InvariantCulture, $"Invalid value for the parameter {name}: '{Short(value)}' is not an integer from {range.Min} to {range.Max}.");
        }

        return Kept.Contains(name) ? null : $"Unknown Attribute {Short(name)}.";
    }

    /// <summary>Attributes as the store keeps them (a JSON object of strings, ordinally sorted).</summary>
    internal static string ToJson(IReadOnlyDictionary<string, string> attributes)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in attributes.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Attributes the store kept; none for a null column.</summary>
    internal static IReadOnlyDictionary<string, string> FromJson(string? json)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (json is not null)
        {
            using var document = JsonDocument.Parse(json);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                attributes[property.Name] = property.Value.GetString() ?? string.Empty;
            }
        }

        return attributes;
    }

    private static string Short(string text) => text.Length > 100 ? text[..100] : text;
}
