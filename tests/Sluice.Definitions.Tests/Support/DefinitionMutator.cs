using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sluice.Definitions.Tests.Support;

/// <summary>
/// Breaks real definitions the ways a careless tool or a hostile user would: members deleted, duplicated or given
/// another type, steps renamed into each other, dangerous LocalPaths and S3 URIs, huge numbers, deep nesting, and
/// at the byte level lone surrogates, bytes that are not UTF-8, NULs, truncation and noise. Every choice comes from
/// the <see cref="Random"/> given, so a seed replays a case exactly.
/// </summary>
internal sealed class DefinitionMutator(Random random)
{
    private static readonly string[] HostileLocalPaths =
    [
        "/opt/ml//tmp/x", "/opt/ml/processing/../../../etc", "/opt/ml/processing/./x", "../x", "processing/x", "",
        "/opt/ml/processing", "/opt/ml/processing/", "/opt/ml/processing//", "/opt/ml/processing/a\u0000b",
        "/opt/ml/processing/a\nb", "/", "/tmp", "/opt/ml/processing/..", "/opt/ml/processing/x/..", "/opt/ml",
        "/opt/ml/processing/input", "/opt/ml/processing/input/code", "/opt/ml/processing/\u2215..\u2215x",
        "/opt/ml/processing/" + new string('a', 300), "/opt/ml/processing/\uFFFD", "/opt/ml/processing/ok",
    ];

    private static readonly string[] HostileUris =
    [
        "s3://bucket/../../etc", "s3://b//k", "s3://", "file:///etc/passwd", "s3://bucket/./x", "s3://../x", "s3://b/k\u0000",
    ];

    private static readonly string[] NumberTexts =
    [
        "1e999", "-1e999", "123456789012345678901234567890", "-0", "0.0000000000000000000000001", "1E+308", "9223372036854775808",
    ];

    private bool _nested;

    /// <summary>What the mutations applied so far did, to print with a failing case.</summary>
    public List<string> Applied { get; } = [];

    /// <summary>Applies one to four mutations to a definition and returns its bytes.</summary>
    public byte[] Mutate(JsonObject definition)
    {
        var count = random.Next(1, 5);
        for (var i = 0; i < count && random.Next(3) > 0; i++)
        {
            MutateTree(definition);
        }

        var text = definition.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, MaxDepth = 10_000 });
        var bytes = Encoding.UTF8.GetBytes(text);
        for (var i = 0; i < count && random.Next(2) == 0; i++)
        {
            bytes = MutateBytes(bytes);
        }

        return bytes;
    }

    private void MutateTree(JsonObject definition)
    {
        var nodes = new List<JsonNode>();
        Collect(definition, nodes);
        switch (random.Next(9))
        {
            case 0:
                DeleteMember(nodes);
                break;
            case 1:
                DuplicateItem(nodes);
                break;
            case 2:
                Retype(nodes);
                break;
            case 3:
                SwapStepNames(definition);
                break;
            case 4:
                SetAll(nodes, "LocalPath", () => Pick(HostileLocalPaths));
                break;
            case 5:
                SetAll(nodes, "S3Uri", () => Pick(HostileUris));
                break;
            case 6:
                Nest(nodes);
                break;
            case 7:
                SetAll(nodes, "Name", () => random.Next(4) == 0 ? new string('n', random.Next(60, 100_000)) : Pick(["", "a b", "Prep", "..", "\u0000"]));
                break;
            default:
                SetAll(nodes, "LocalPath", () => Pick(HostileLocalPaths) + (random.Next(2) == 0 ? "/" + random.Next(3) : string.Empty));
                break;
        }
    }

    private byte[] MutateBytes(byte[] bytes)
    {
        var at = random.Next(bytes.Length + 1);
        switch (random.Next(7))
        {
            case 0:
                Applied.Add($"truncate at {at}");
                return bytes[..at];
            case 1:
                var quote = QuoteNear(bytes, at);
                Applied.Add($"lone surrogate escape after byte {quote}");
                return [.. bytes[..quote], .. Encoding.ASCII.GetBytes(Pick(["\\ud800", "\\udfff", "\\ud83d", "\\udc00\\ud800"])), .. bytes[quote..]];
            case 2:
                var inString = QuoteNear(bytes, at);
                Applied.Add($"bytes that are not UTF-8 after byte {inString}");
                return [.. bytes[..inString], .. Pick<byte[]>([[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF8, 0x88, 0x80, 0x80, 0x80]]), .. bytes[inString..]];
            case 3:
                Applied.Add($"NUL at {at}");
                return [.. bytes[..at], 0, .. bytes[at..]];
            case 4:
                var noise = new byte[random.Next(1, 16)];
                random.NextBytes(noise);
                Applied.Add($"{noise.Length} random bytes at {at}: {Convert.ToHexString(noise)}");
                return [.. bytes[..at], .. noise, .. bytes[at..]];
            case 5:
                Applied.Add("byte order mark");
                return [0xEF, 0xBB, 0xBF, .. bytes];
            default:
                var number = Pick(NumberTexts);
                var colon = Array.IndexOf(bytes, (byte)':', Math.Min(at, Math.Max(bytes.Length - 1, 0)));
                if (colon < 0)
                {
                    return bytes;
                }

                var end = colon + 1;
                while (end < bytes.Length && bytes[end] is not ((byte)',' or (byte)'}' or (byte)']'))
                {
                    end++;
                }

                Applied.Add($"value after byte {colon} replaced by {number}");
                return [.. bytes[..(colon + 1)], .. Encoding.ASCII.GetBytes(number), .. bytes[end..]];
        }
    }

    /// <summary>The position just after a '"' at or after <paramref name="at"/> (inside a string when it opens one).</summary>
    private static int QuoteNear(byte[] bytes, int at)
    {
        var quote = Array.IndexOf(bytes, (byte)'"', Math.Min(at, Math.Max(bytes.Length - 1, 0)));
        return quote < 0 ? at : quote + 1;
    }

    private void DeleteMember(List<JsonNode> nodes)
    {
        if (PickObject(nodes) is { Count: > 0 } obj)
        {
            var name = obj.ElementAt(random.Next(obj.Count)).Key;
            Applied.Add($"delete {obj.GetPath()}.{name}");
            obj.Remove(name);
        }
    }

    private void DuplicateItem(List<JsonNode> nodes)
    {
        var arrays = nodes.OfType<JsonArray>().Where(a => a.Count > 0).ToList();
        if (arrays.Count > 0)
        {
            var array = arrays[random.Next(arrays.Count)];
            var index = random.Next(array.Count);
            Applied.Add($"duplicate {array.GetPath()}[{index}]");
            array.Add(array[index]?.DeepClone());
        }
    }

    private void Retype(List<JsonNode> nodes)
    {
        if (PickObject(nodes) is { Count: > 0 } obj)
        {
            var name = obj.ElementAt(random.Next(obj.Count)).Key;
            JsonNode? value = random.Next(8) switch
            {
                0 => null,
                1 => JsonValue.Create(true),
                2 => new JsonArray(),
                3 => new JsonObject(),
                4 => JsonValue.Create(random.Next()),
                5 => JsonNode.Parse(Pick(NumberTexts)),
                6 => JsonValue.Create("retyped"),
                _ => new JsonObject { ["Get"] = Pick(["Parameters.Nope", "Steps.Nope.X", "Execution.PipelineName", "", "Steps."]) },
            };
            Applied.Add($"retype {obj.GetPath()}.{name} to {value?.ToJsonString() ?? "null"}");
            obj[name] = value;
        }
    }

    private void SwapStepNames(JsonObject definition)
    {
        if (definition["Steps"] is JsonArray { Count: >= 2 } steps && steps[0] is JsonObject first && steps[^1] is JsonObject last)
        {
            Applied.Add("swap the first and last step names");
            (first["Name"], last["Name"]) = (last["Name"]?.DeepClone(), first["Name"]?.DeepClone());
        }
    }

    private void SetAll(List<JsonNode> nodes, string member, Func<string> value)
    {
        foreach (var obj in nodes.OfType<JsonObject>().Where(o => o.ContainsKey(member)).ToList())
        {
            if (random.Next(2) == 0)
            {
                var text = value();
                Applied.Add($"{obj.GetPath()}.{member} = {JsonSerializer.Serialize(text.Length > 40 ? text[..40] + "..." : text)}");
                obj[member] = text;
            }
        }
    }

    private void Nest(List<JsonNode> nodes)
    {
        // Once per definition: nested again, it would outgrow what the writer (and the test's stack) can take.
        if (!_nested && PickObject(nodes) is { Count: > 0 } obj)
        {
            _nested = true;
            var name = obj.ElementAt(random.Next(obj.Count)).Key;
            var depth = random.Next(2) == 0 ? random.Next(1, 200) : random.Next(200, 2_000);
            var join = random.Next(2) == 0;
            Applied.Add($"nest {obj.GetPath()}.{name} {depth} deep in {(join ? "Std:Join" : "lists")}");
            var value = obj[name]?.DeepClone();
            for (var i = 0; i < depth; i++)
            {
                value = join ? new JsonObject { ["Std:Join"] = new JsonObject { ["On"] = "/", ["Values"] = new JsonArray(value) } } : new JsonArray(value);
            }

            obj[name] = value;
        }
    }

    private JsonObject? PickObject(List<JsonNode> nodes)
    {
        var objects = nodes.OfType<JsonObject>().ToList();
        return objects.Count == 0 ? null : objects[random.Next(objects.Count)];
    }

    private T Pick<T>(T[] items) => items[random.Next(items.Length)];

    private static void Collect(JsonNode? node, List<JsonNode> into)
    {
        if (node is null)
        {
            return;
        }

        into.Add(node);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj)
                {
                    Collect(value, into);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, into);
                }

                break;
        }
    }
}
