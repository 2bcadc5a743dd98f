using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sluice.Server.Tests.Hosting.Fuzz;

/// <summary>
/// Turns a valid request into a hostile one: one to three changes to its members (a value replaced by a hostile one,
/// a member removed, an unknown or duplicate member added, a member name that is not text), then now and then a
/// change to the whole: the body cut short or replaced, the target or Content-Type wrong, the chunked framing broken.
/// </summary>
/// <remarks>
/// Values JSON cannot hold as parsed (text that is not Unicode, numbers past a double, nesting past any depth) are put
/// in as placeholders, strings of their own, and spliced in as raw bytes after the request is written.
/// </remarks>
internal sealed class Mutator
{
    private static readonly string?[] Targets = [null, string.Empty, "SageMaker.", "SageMaker", ".", "AmazonSQS.", "AmazonSQS.Nope", "SageMaker.DescribeNothing", "AWS.ListPipelines"];

    private static readonly string?[] ContentTypes = [null, "text/plain", "application/json", "application/x-amz-json-1.0", "garbage", "application/x-amz-json-1.1; charset=utf-16"];

    private readonly Random _random;
    private readonly List<byte[]> _raw = [];

    private Mutator(Random random) => _random = random;

    /// <summary>A hostile request made from <paramref name="seed"/>, which it changes.</summary>
    public static HostileRequest Mutate(string target, JsonObject seed, Random random) => new Mutator(random).Run(target, seed);

    private HostileRequest Run(string target, JsonObject seed)
    {
        var changes = 1 + _random.Next(3);
        if (seed["PipelineDefinition"] is JsonValue definition && _random.Next(3) == 0)
        {
            seed["PipelineDefinition"] = Definition(definition.GetValue<string>());
            changes--; // the definition's change is one of the request's
        }

        for (var i = 0; i < changes; i++)
        {
            Change(seed);
        }

        var body = Splice(Encoding.UTF8.GetBytes(seed.ToJsonString()));
        switch (_random.Next(40))
        {
            case 0 or 1:
                body = body[.._random.Next(body.Length)]; // cut short
                break;
            case 2:
                body = HostileValues.Body(_random);
                break;
            case 3:
                body = [0xEF, 0xBB, 0xBF, .. body]; // a byte order mark
                break;
            case 4:
                body = [.. body, .. HostileValues.Any(_random)]; // trailing garbage
                break;
        }

        var headerTarget = _random.Next(25) == 0 ? Other(target) : target;
        var contentType = _random.Next(25) == 0 ? _random.GetItems(ContentTypes, 1)[0] : "application/x-amz-json-1.1";
        return _random.Next(50) == 0
            ? new HostileRequest(headerTarget, contentType, body, HostileValues.BrokenChunks(_random))
            : new HostileRequest(headerTarget, contentType, body);
    }

    private void Change(JsonObject root)
    {
        var slots = new List<(JsonNode Parent, string? Key, int Index)>();
        var objects = new List<JsonObject>();
        Collect(root, slots, objects);
        switch (_random.Next(10))
        {
            case < 6 when slots.Count > 0:
                var slot = slots[_random.Next(slots.Count)];
                Set(slot, Raw(HostileValues.Like(Get(slot)?.GetValueKind() ?? JsonValueKind.Null, _random)));
                break;
            case 6 when slots.Count > 0:
                Remove(slots[_random.Next(slots.Count)]);
                break;
            case 7 when slots.Count > 0:
                Set(slots[_random.Next(slots.Count)], Raw(HostileValues.NotUtf8String(_random)));
                break;
            case 8:
                var owner = objects[_random.Next(objects.Count)];
                owner[Raw(HostileValues.Name(_random, [.. owner.Select(p => p.Key)]))] = Raw(HostileValues.Any(_random));
                break;
            default:
                objects[_random.Next(objects.Count)]["Unmodeled" + _random.Next(100)] = Raw(HostileValues.Any(_random));
                break;
        }
    }

    /// <summary>
    /// A pipeline definition changed as a request is: JSON inside a string, so what is spliced in (a lone surrogate
    /// escape, a number past a double) reaches the engine's definition reader as text; bytes that are not UTF-8 become
    /// U+FFFD, as in any .NET string.
    /// </summary>
    private string Definition(string text)
    {
        var inner = new Mutator(_random);
        var root = JsonNode.Parse(text)!.AsObject();
        var changes = 1 + _random.Next(3);
        for (var i = 0; i < changes; i++)
        {
            inner.Change(root);
        }

        return Encoding.UTF8.GetString(inner.Splice(Encoding.UTF8.GetBytes(root.ToJsonString())));
    }

    /// <summary>Every member and item below <paramref name="node"/>, and every object (the root too).</summary>
    private static void Collect(JsonNode node, List<(JsonNode, string?, int)> slots, List<JsonObject> objects)
    {
        if (node is JsonObject obj)
        {
            objects.Add(obj);
            foreach (var (key, value) in obj.ToList())
            {
                slots.Add((obj, key, -1));
                if (value is not null)
                {
                    Collect(value, slots, objects);
                }
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                slots.Add((array, null, i));
                if (array[i] is { } item)
                {
                    Collect(item, slots, objects);
                }
            }
        }
    }

    private static JsonNode? Get((JsonNode Parent, string? Key, int Index) slot) =>
        slot.Parent is JsonObject obj ? obj[slot.Key!] : ((JsonArray)slot.Parent)[slot.Index];

    private static void Set((JsonNode Parent, string? Key, int Index) slot, string placeholder)
    {
        if (slot.Parent is JsonObject obj)
        {
            obj[slot.Key!] = placeholder;
        }
        else
        {
            ((JsonArray)slot.Parent)[slot.Index] = placeholder;
        }
    }

    private static void Remove((JsonNode Parent, string? Key, int Index) slot)
    {
        if (slot.Parent is JsonObject obj)
        {
            obj.Remove(slot.Key!);
        }
        else
        {
            ((JsonArray)slot.Parent).RemoveAt(slot.Index);
        }
    }

    /// <summary>A placeholder for raw bytes: a string of its own, replaced, quotes and all, by the bytes in <see cref="Splice"/>.</summary>
    private string Raw(byte[] bytes)
    {
        _raw.Add(bytes);
        return $"@@RAW{_raw.Count - 1}@@";
    }

    private byte[] Splice(byte[] written)
    {
        var body = written;
        for (var i = 0; i < _raw.Count; i++)
        {
            var placeholder = Encoding.UTF8.GetBytes($"\"@@RAW{i}@@\"");
            var at = body.AsSpan().IndexOf(placeholder);
            if (at >= 0)
            {
                body = [.. body.AsSpan(0, at), .. _raw[i], .. body.AsSpan(at + placeholder.Length)];
            }
        }

        return body;
    }

    private string? Other(string target) => _random.Next(4) switch
    {
        0 => target.ToLowerInvariant(),
        1 => target + ".Extra",
        2 => target.StartsWith("SageMaker.", StringComparison.Ordinal) ? "AmazonSQS." + target["SageMaker.".Length..] : "SageMaker." + target["AmazonSQS.".Length..],
        _ => _random.GetItems(Targets, 1)[0],
    };
}
