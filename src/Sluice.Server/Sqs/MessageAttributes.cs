using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Sluice.Client.Sqs;
using Sluice.Server.Api;

namespace Sluice.Server.Sqs;

/// <summary>
/// SQS message attributes: checked as SQS checks them, kept as a JSON object (the store's opaque
/// <c>MessageAttributes</c>), filtered by a receive's <c>MessageAttributeNames</c> and digested into
/// <c>MD5OfMessageAttributes</c> exactly as SQS does: for each attribute in name order, the name, the data type and the
/// value, each as a 4-byte big-endian length and its bytes (UTF-8 text or the binary value), with a transport byte
/// (1 for String and Number, 2 for Binary) before the value; the MD5 of it all as lower-case hex.
/// </summary>
internal static partial class MessageAttributes
{
    private const int MaxAttributes = 10;

    /// <summary>Reads and checks a request's <c>MessageAttributes</c> map.</summary>
    /// <param name="map">The member, when present.</param>
    /// <param name="field">The field's name in error messages.</param>
    /// <returns>The attributes by name (ordinal order); empty when none.</returns>
    /// <exception cref="ApiException">InvalidParameterValue naming the attribute and what is wrong with it.</exception>
    public static SortedDictionary<string, MessageAttribute> Read(JsonElement? map, string field = "MessageAttributes")
    {
        var attributes = new SortedDictionary<string, MessageAttribute>(StringComparer.Ordinal);
        if (map is not { ValueKind: JsonValueKind.Object } members)
        {
            return attributes;
        }

        foreach (var member in members.EnumerateObject())
        {
            var value = member.Value;
            var type = value.ValueKind == JsonValueKind.Object && value.TryGetProperty("DataType", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : null;
            var text = value.ValueKind == JsonValueKind.Object && value.TryGetProperty("StringValue", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            byte[]? bytes = null;
            if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("BinaryValue", out var b) && b.ValueKind == JsonValueKind.String && !b.TryGetBytesFromBase64(out bytes))
            {
                CheckName(member.Name, field);
                throw Invalid($"{field}.{member.Name}.BinaryValue: the message attribute '{Short(member.Name)}' has a BinaryValue that is not base64.");
            }

            attributes[member.Name] = Check(member.Name, type, text, bytes, field);
        }

        return Limited(attributes, field);
    }

    /// <summary>Reads and checks a typed request's <c>MessageAttributes</c> map (SendMessage, a SendMessageBatch entry).</summary>
    /// <param name="map">The map, when given.</param>
    /// <param name="field">The field's name in error messages.</param>
    /// <returns>The attributes by name (ordinal order); empty when none.</returns>
    /// <exception cref="ApiException">InvalidParameterValue naming the attribute and what is wrong with it.</exception>
    public static SortedDictionary<string, MessageAttribute> Read(IReadOnlyDictionary<string, MessageAttributeValue>? map, string field)
    {
        var attributes = new SortedDictionary<string, MessageAttribute>(StringComparer.Ordinal);
        foreach (var (name, value) in map ?? new Dictionary<string, MessageAttributeValue>())
        {
            attributes[name] = Check(name, value?.DataType, value?.StringValue, value?.BinaryValue, field);
        }

        return Limited(attributes, field);
    }

    /// <summary>Attributes as the wire types write them, in name order.</summary>
    /// <param name="attributes">The attributes.</param>
    /// <returns>The map of <c>{DataType, StringValue | BinaryValue}</c>.</returns>
    public static Dictionary<string, MessageAttributeValue> ToWire(IReadOnlyDictionary<string, MessageAttribute> attributes)
    {
        var wire = new Dictionary<string, MessageAttributeValue>(StringComparer.Ordinal);
        foreach (var (name, attribute) in attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            wire[name] = attribute.IsBinary
                ? new MessageAttributeValue { DataType = attribute.DataType, BinaryValue = attribute.BinaryValue }
                : new MessageAttributeValue { DataType = attribute.DataType, StringValue = attribute.StringValue };
        }

        return wire;
    }

    private static MessageAttribute Check(string name, string? type, string? text, byte[]? bytes, string field)
    {
        CheckName(name, field);
        if (type is null || !TypePattern().IsMatch(type))
        {
            throw Invalid($"{field}.{name}.DataType: the message attribute '{Short(name)}' must have a DataType of String, Number or Binary, optionally followed by '.' and a custom label (at most 256 characters).");
        }

        var attribute = new MessageAttribute(type, text, bytes);
        if (attribute.IsBinary ? bytes is null : string.IsNullOrEmpty(text))
        {
            throw Invalid($"{field}.{name}: the message attribute '{Short(name)}' must contain a non-empty {(attribute.IsBinary ? "BinaryValue" : "StringValue")} for its DataType {type}.");
        }

        if (type.StartsWith("Number", StringComparison.Ordinal) && !decimal.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            throw Invalid($"{field}.{name}.StringValue: the message attribute '{Short(name)}' has the DataType {type} but its value is not a number.");
        }

        return attribute;
    }

    private static void CheckName(string name, string field)
    {
        if (!NamePattern().IsMatch(name) || name.StartsWith('.') || name.EndsWith('.') || name.Contains("..", StringComparison.Ordinal)
            || name.StartsWith("AWS.", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Amazon.", StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid($"{field}: the message attribute name '{Short(name)}' is invalid: 1 to 256 characters of A-Z, a-z, 0-9, '_', '-' and '.', with no leading, trailing or repeated '.', and not starting with 'AWS.' or 'Amazon.'.");
        }
    }

    private static SortedDictionary<string, MessageAttribute> Limited(SortedDictionary<string, MessageAttribute> attributes, string field) =>
        attributes.Count > MaxAttributes
            ? throw Invalid($"{field}: {attributes.Count} message attributes were given; a message may have at most {MaxAttributes}.")
            : attributes;

    /// <summary>The size SQS counts for attributes against the message size limit: names, types and values in bytes.</summary>
    public static int Size(IReadOnlyDictionary<string, MessageAttribute> attributes) =>
        attributes.Sum(a => Encoding.UTF8.GetByteCount(a.Key) + Encoding.UTF8.GetByteCount(a.Value.DataType)
            + (a.Value.BinaryValue?.Length ?? Encoding.UTF8.GetByteCount(a.Value.StringValue ?? string.Empty)));

    /// <summary>The MD5 of attributes as SQS computes <c>MD5OfMessageAttributes</c>; null when there are none.</summary>
    public static string? Md5(IReadOnlyDictionary<string, MessageAttribute> attributes)
    {
        if (attributes.Count == 0)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        foreach (var (name, attribute) in attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            WriteLengthPrefixed(buffer, Encoding.UTF8.GetBytes(name));
            WriteLengthPrefixed(buffer, Encoding.UTF8.GetBytes(attribute.DataType));
            buffer.WriteByte(attribute.IsBinary ? (byte)2 : (byte)1);
            WriteLengthPrefixed(buffer, attribute.IsBinary ? attribute.BinaryValue! : Encoding.UTF8.GetBytes(attribute.StringValue!));
        }

#pragma warning disable CA5351 // SQS defines MD5OfMessageAttributes as MD5; it is a checksum here, not security.
        return Convert.ToHexStringLower(MD5.HashData(buffer.ToArray()));
#pragma warning restore CA5351
    }

    /// <summary>Attributes as the store keeps them; null when there are none.</summary>
    public static string? ToJson(IReadOnlyDictionary<string, MessageAttribute> attributes)
    {
        if (attributes.Count == 0)
        {
            return null;
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            Write(writer, attributes);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Attributes the store kept.</summary>
    public static SortedDictionary<string, MessageAttribute> FromJson(string? json)
    {
        if (json is null)
        {
            return new(StringComparer.Ordinal);
        }

        using var document = JsonDocument.Parse(json);
        return Read(document.RootElement.Clone());
    }

    /// <summary>The attributes a receive asked for with <c>MessageAttributeNames</c>: <c>All</c>, <c>.*</c>, a name, or a prefix ending in <c>.*</c>.</summary>
    public static SortedDictionary<string, MessageAttribute> Select(IReadOnlyDictionary<string, MessageAttribute> attributes, IReadOnlyCollection<string> names)
    {
        var selected = new SortedDictionary<string, MessageAttribute>(StringComparer.Ordinal);
        foreach (var (name, attribute) in attributes)
        {
            if (names.Any(n => n is "All" or ".*" || n == name || (n.EndsWith(".*", StringComparison.Ordinal) && name.StartsWith(n[..^1], StringComparison.Ordinal))))
            {
                selected[name] = attribute;
            }
        }

        return selected;
    }

    /// <summary>Writes attributes as the JSON protocol's map of <c>{DataType, StringValue | BinaryValue}</c>.</summary>
    public static void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, MessageAttribute> attributes)
    {
        writer.WriteStartObject();
        foreach (var (name, attribute) in attributes)
        {
            writer.WriteStartObject(name);
            writer.WriteString("DataType", attribute.DataType);
            if (attribute.IsBinary)
            {
                writer.WriteBase64String("BinaryValue", attribute.BinaryValue);
            }
            else
            {
                writer.WriteString("StringValue", attribute.StringValue);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteLengthPrefixed(MemoryStream buffer, byte[] bytes)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        buffer.Write(length);
        buffer.Write(bytes);
    }

    private static ApiException Invalid(string message) => new("InvalidParameterValue", message);

    private static string Short(string text) => text.Length > 100 ? text[..100] + "..." : text;

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,256}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^(String|Number|Binary)(\.[^\s]{1,249})?$")]
    private static partial Regex TypePattern();
}
