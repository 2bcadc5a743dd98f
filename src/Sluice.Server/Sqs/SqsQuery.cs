using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Sluice.Server.Api;

namespace Sluice.Server.Sqs;

/// <summary>
/// SQS's query protocol, translated to and from the JSON protocol <see cref="QueueApi"/> serves: a form
/// (<c>Action=SendMessage&amp;QueueUrl=...&amp;MessageAttribute.1.Name=...</c>) becomes the JSON request the same
/// operation takes, and its JSON answer becomes the XML SQS writes (<c>&lt;SendMessageResponse&gt;&lt;SendMessageResult&gt;</c>,
/// flattened lists, <c>Attribute</c> and <c>MessageAttribute</c> entries with <c>Name</c> and <c>Value</c>).
/// </summary>
internal static class SqsQuery
{
    /// <summary>The namespace of SQS's XML.</summary>
    public static readonly XNamespace Namespace = "http://queue.amazonaws.com/doc/2012-11-05/";

    private const int MaxIndex = 1000;

    /// <summary>Flattened lists: the form's (and XML's) element name and the JSON member.</summary>
    private static readonly Dictionary<string, string> Lists = new(StringComparer.Ordinal)
    {
        ["AttributeName"] = "AttributeNames",
        ["MessageAttributeName"] = "MessageAttributeNames",
        ["MessageSystemAttributeName"] = "MessageSystemAttributeNames",
        ["SendMessageBatchRequestEntry"] = "Entries",
        ["DeleteMessageBatchRequestEntry"] = "Entries",
        ["ChangeMessageVisibilityBatchRequestEntry"] = "Entries",
        ["TagKey"] = "TagKeys",
    };

    /// <summary>Flattened maps: the form's (and XML's) entry name, the JSON member, and the entry's key member.</summary>
    private static readonly Dictionary<string, (string Member, string Key)> Maps = new(StringComparer.Ordinal)
    {
        ["Attribute"] = ("Attributes", "Name"),
        ["MessageAttribute"] = ("MessageAttributes", "Name"),
        ["MessageSystemAttribute"] = ("MessageSystemAttributes", "Name"),
        ["Tag"] = ("tags", "Key"),
    };

    private static readonly HashSet<string> Integers = new(StringComparer.Ordinal)
    {
        "MaxNumberOfMessages", "VisibilityTimeout", "WaitTimeSeconds", "DelaySeconds", "MaxResults",
    };

    /// <summary>The JSON request a form makes (without <c>Action</c> and <c>Version</c>).</summary>
    /// <param name="form">The form's fields.</param>
    /// <param name="pathQueueUrl">The queue URL the request was posted to, when its path names a queue; used when the form has no QueueUrl.</param>
    /// <returns>The JSON body.</returns>
    /// <exception cref="ApiException">InvalidParameterValue for a field whose index is not a number from 1 to 1,000, or that is both a value and a group.</exception>
    public static JsonElement ToJson(IReadOnlyDictionary<string, string> form, string? pathQueueUrl)
    {
        var root = new Node();
        foreach (var (key, value) in form)
        {
            if (key is "Action" or "Version" || key.StartsWith("X-Amz-", StringComparison.Ordinal) || key is "AWSAccessKeyId" or "Signature" or "SignatureMethod" or "SignatureVersion" or "Timestamp" or "Expires")
            {
                continue;
            }

            var node = root;
            foreach (var part in key.Split('.'))
            {
                node = node.Child(part, key);
            }

            if (node.Children.Count > 0)
            {
                throw Malformed(key);
            }

            node.Value = value;
        }

        if (pathQueueUrl is not null && !root.Children.ContainsKey("QueueUrl"))
        {
            root.Child("QueueUrl", "QueueUrl").Value = pathQueueUrl;
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            WriteObject(writer, root);
        }

        using var document = JsonDocument.Parse(stream.ToArray());
        return document.RootElement.Clone();
    }

    /// <summary>The XML answer of an operation from its JSON answer.</summary>
    /// <param name="action">The operation.</param>
    /// <param name="json">Its JSON answer.</param>
    /// <param name="requestId">The request's id.</param>
    /// <returns>The <c>&lt;ActionResponse&gt;</c> element.</returns>
    public static XElement ToXml(string action, string json, string requestId)
    {
        using var document = JsonDocument.Parse(json);
        var response = new XElement(Namespace + (action + "Response"));
        if (document.RootElement.EnumerateObject().Any())
        {
            var result = new XElement(Namespace + (action + "Result"));
            AddMembers(result, document.RootElement, action);
            response.Add(result);
        }

        response.Add(new XElement(Namespace + "ResponseMetadata", new XElement(Namespace + "RequestId", requestId)));
        return response;
    }

    /// <summary>An error as SQS's query protocol writes it.</summary>
    /// <param name="error">The error.</param>
    /// <param name="requestId">The request's id.</param>
    /// <returns>The <c>&lt;ErrorResponse&gt;</c> element.</returns>
    public static XElement Error(ApiException error, string requestId) => new(
        Namespace + "ErrorResponse",
        new XElement(
            Namespace + "Error",
            new XElement(Namespace + "Type", error.Status >= 500 ? "Receiver" : "Sender"),
            new XElement(Namespace + "Code", SqsErrorCodes.QueryCode(error.Code)),
            new XElement(Namespace + "Message", error.Message),
            new XElement(Namespace + "Detail")),
        new XElement(Namespace + "RequestId", requestId));

    private static void WriteObject(Utf8JsonWriter writer, Node node)
    {
        writer.WriteStartObject();
        foreach (var (name, child) in node.Children)
        {
            if (Lists.TryGetValue(name, out var list))
            {
                writer.WriteStartArray(list);
                foreach (var item in Indexed(child, name))
                {
                    if (item.Children.Count == 0)
                    {
                        writer.WriteStringValue(item.Value);
                    }
                    else
                    {
                        WriteObject(writer, item);
                    }
                }

                writer.WriteEndArray();
            }
            else if (Maps.TryGetValue(name, out var map))
            {
                writer.WriteStartObject(map.Member);
                foreach (var entry in Indexed(child, name))
                {
                    var key = entry.Children.GetValueOrDefault(map.Key)?.Value ?? throw new ApiException("MissingParameter", $"{name}: an entry has no {map.Key}.");
                    var value = entry.Children.GetValueOrDefault("Value");
                    writer.WritePropertyName(key);
                    if (value is null)
                    {
                        writer.WriteNullValue();
                    }
                    else if (value.Children.Count == 0)
                    {
                        writer.WriteStringValue(value.Value);
                    }
                    else
                    {
                        WriteObject(writer, value);
                    }
                }

                writer.WriteEndObject();
            }
            else if (child.Children.Count > 0)
            {
                writer.WritePropertyName(name);
                WriteObject(writer, child);
            }
            else if (Integers.Contains(name) && int.TryParse(child.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                writer.WriteNumber(name, number);
            }
            else
            {
                writer.WriteString(name, child.Value);
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>The items of a flattened list or map, in index order.</summary>
    private static IEnumerable<Node> Indexed(Node node, string name)
    {
        if (node.Children.Count == 0)
        {
            return []; // "AttributeName=" alone: an empty list, as botocore writes one
        }

        return node.Children
            .Select(c => (Index: int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i is >= 1 and <= MaxIndex ? i : throw Malformed($"{name}.{c.Key}"), c.Value))
            .OrderBy(c => c.Index)
            .Select(c => c.Value);
    }

    private static void AddMembers(XElement parent, JsonElement json, string action)
    {
        foreach (var member in json.EnumerateObject())
        {
            var name = member.Name;
            var value = member.Value;
            switch (value.ValueKind)
            {
                case JsonValueKind.Array:
                    var item = name switch
                    {
                        "QueueUrls" => "QueueUrl",
                        "Messages" => "Message",
                        "Successful" => action + "ResultEntry",
                        "Failed" => "BatchResultErrorEntry",
                        _ => name,
                    };
                    foreach (var element in value.EnumerateArray())
                    {
                        parent.Add(Element(item, element, action));
                    }

                    break;
                case JsonValueKind.Object when name is "Attributes" or "MessageAttributes":
                    foreach (var entry in value.EnumerateObject())
                    {
                        parent.Add(new XElement(
                            Namespace + name[..^1],
                            new XElement(Namespace + "Name", entry.Name),
                            Element("Value", entry.Value, action)));
                    }

                    break;
                default:
                    parent.Add(Element(name, value, action));
                    break;
            }
        }
    }

    private static XElement Element(string name, JsonElement value, string action)
    {
        var element = new XElement(Namespace + name);
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                AddMembers(element, value, action);
                break;
            case JsonValueKind.True or JsonValueKind.False:
                element.Value = value.ValueKind == JsonValueKind.True ? "true" : "false";
                break;
            case JsonValueKind.String:
                element.Value = value.GetString()!;
                break;
            case JsonValueKind.Null:
                break;
            default:
                element.Value = value.GetRawText();
                break;
        }

        return element;
    }

    private static ApiException Malformed(string key) =>
        new("InvalidParameterValue", $"The form field '{(key.Length > 100 ? key[..100] + "..." : key)}' is malformed: a list or map index must be a number from 1 to {MaxIndex}, and a field cannot be both a value and a group.");

    /// <summary>One segment of the form's dotted field names.</summary>
    private sealed class Node
    {
        public SortedDictionary<string, Node> Children { get; } = new(StringComparer.Ordinal);

        public string? Value { get; set; }

        public Node Child(string name, string key)
        {
            if (Value is not null)
            {
                throw Malformed(key);
            }

            if (!Children.TryGetValue(name, out var child))
            {
                child = new Node();
                Children[name] = child;
            }

            return child;
        }
    }
}
