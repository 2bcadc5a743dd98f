using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using Sluice.Core.Artifacts;

namespace Sluice.Server.S3;

/// <content>ListObjects (v1, markers) and ListObjectsV2 (continuation tokens), and DeleteObjects.</content>
internal sealed partial class S3Endpoint
{
    private const int MaxKeysLimit = 1000;
    private const int MaxDeleteKeys = 1000;

    private async Task ListObjectsAsync(S3Call call)
    {
        var (prefix, delimiter, maxKeys, encode) = ListArguments(call.Target);
        var marker = call.Target.Get("marker");
        var listing = await store.ListObjectsAsync(new ObjectListQuery(call.Bucket, prefix, delimiter, string.IsNullOrEmpty(marker) ? null : marker, maxKeys), call.Cancel);
        using var xml = new S3XmlStream("ListBucketResult");
        xml.Text("Name", call.Bucket);
        xml.Text("Prefix", encode(prefix));
        xml.Text("Marker", encode(marker ?? string.Empty));
        if (listing.IsTruncated)
        {
            xml.Text("NextMarker", encode(listing.Last!));
        }

        xml.Text("MaxKeys", Number(maxKeys));
        if (delimiter is not null)
        {
            xml.Text("Delimiter", encode(delimiter));
        }

        xml.Text("IsTruncated", listing.IsTruncated ? "true" : "false");
        if (call.Target.Get("encoding-type") is { } type)
        {
            xml.Text("EncodingType", type);
        }

        WriteEntries(xml, listing, encode, owner: true);
        await WriteBytesAsync(call.Context, xml.ToBytes());
    }

    private async Task ListObjectsV2Async(S3Call call)
    {
        var (prefix, delimiter, maxKeys, encode) = ListArguments(call.Target);
        var token = call.Target.Get("continuation-token");
        var startAfter = call.Target.Get("start-after");
        var after = token is null ? (string.IsNullOrEmpty(startAfter) ? null : startAfter) : DecodeToken(token);
        var listing = await store.ListObjectsAsync(new ObjectListQuery(call.Bucket, prefix, delimiter, after, maxKeys), call.Cancel);
        using var xml = new S3XmlStream("ListBucketResult");
        xml.Text("Name", call.Bucket);
        xml.Text("Prefix", encode(prefix));
        xml.Text("MaxKeys", Number(maxKeys));
        xml.Text("KeyCount", Number(listing.Objects.Count + listing.CommonPrefixes.Count));
        if (delimiter is not null)
        {
            xml.Text("Delimiter", encode(delimiter));
        }

        xml.Text("IsTruncated", listing.IsTruncated ? "true" : "false");
        if (token is not null)
        {
            xml.Text("ContinuationToken", token);
        }

        if (listing.IsTruncated)
        {
            xml.Text("NextContinuationToken", EncodeToken(listing.Last!));
        }

        if (startAfter is not null)
        {
            xml.Text("StartAfter", encode(startAfter));
        }

        if (call.Target.Get("encoding-type") is { } type)
        {
            xml.Text("EncodingType", type);
        }

        WriteEntries(xml, listing, encode, owner: call.Target.Get("fetch-owner") == "true");
        await WriteBytesAsync(call.Context, xml.ToBytes());
    }

    /// <summary>A listing's objects (<c>Contents</c>) and then its common prefixes, as both listing versions write them.</summary>
    private void WriteEntries(S3XmlStream xml, ObjectListing listing, Func<string, string> encode, bool owner)
    {
        foreach (var o in listing.Objects)
        {
            xml.Start("Contents");
            xml.Text("Key", encode(o.Key));
            xml.Text("LastModified", S3Xml.Time(o.LastModified));
            xml.Text("ETag", Quote(o.ETag));
            xml.Text("Size", o.Size.ToString(CultureInfo.InvariantCulture));
            if (owner)
            {
                xml.Start("Owner");
                xml.Text("ID", account);
                xml.Text("DisplayName", "sluice");
                xml.End();
            }

            xml.Text("StorageClass", "STANDARD");
            xml.End();
        }

        foreach (var commonPrefix in listing.CommonPrefixes)
        {
            xml.Start("CommonPrefixes");
            xml.Text("Prefix", encode(commonPrefix));
            xml.End();
        }
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static (string Prefix, string? Delimiter, int MaxKeys, Func<string, string> Encode) ListArguments(S3Target target)
    {
        var maxKeys = MaxKeysLimit;
        if (target.Get("max-keys") is { } text && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out maxKeys) || maxKeys < 0))
        {
            throw new S3Exception("InvalidArgument", "Provided max-keys not an integer or within integer range");
        }

        Func<string, string> encode = target.Get("encoding-type") switch
        {
            null => S3Xml.Checked,
            "url" => s => S3Query.Encode(s, keepSlash: true),
            _ => throw new S3Exception("InvalidArgument", "Invalid Encoding Method specified in Request"),
        };
        var delimiter = target.Get("delimiter");
        return (target.Get("prefix") ?? string.Empty, string.IsNullOrEmpty(delimiter) ? null : delimiter, Math.Min(maxKeys, MaxKeysLimit), encode);
    }

    private static string EncodeToken(string last) => Convert.ToBase64String(Encoding.UTF8.GetBytes(last));

    private static string DecodeToken(string token)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            throw new S3Exception("InvalidArgument", "The continuation token provided is incorrect");
        }
    }

    private async Task DeleteObjectsAsync(S3Call call)
    {
        var request = S3Xml.Parse(await S3Body.ReadSmallAsync(call.Context, call.Signing, authenticator.Enabled, options.MaxBodyBytes), options.MaxBodyBytes);
        var keys = S3Xml.Children(request, "Object").Select(o => S3Xml.Child(o, "Key") ?? throw S3Xml.Malformed()).ToList();
        if (request.Name.LocalName != "Delete" || keys.Count is 0 or > MaxDeleteKeys)
        {
            throw S3Xml.Malformed();
        }

        _ = await store.HeadBucketAsync(call.Bucket, call.Cancel) ?? throw NoSuchBucket(call.Bucket);
        var quiet = string.Equals(S3Xml.Child(request, "Quiet"), "true", StringComparison.OrdinalIgnoreCase);
        var results = new List<XElement>();
        foreach (var key in keys)
        {
            await store.DeleteObjectAsync(call.Bucket, key, call.Cancel);
            if (!quiet)
            {
                results.Add(S3Xml.E("Deleted", S3Xml.E("Key", key)));
            }
        }

        await WriteXmlAsync(call.Context, S3Xml.E("DeleteResult", results));
    }
}
