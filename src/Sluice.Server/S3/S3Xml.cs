using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Sluice.Server.S3;

/// <summary>S3's XML: answers in S3's namespace, times as S3 writes them, and request bodies read without DTDs or entities.</summary>
internal static class S3Xml
{
    /// <summary>S3's namespace.</summary>
    public static readonly XNamespace Ns = "http://s3.amazonaws.com/doc/2006-03-01/";

    /// <summary>An element in S3's namespace.</summary>
    public static XElement E(string name, params object?[] content) => new(Ns + name, content);

    /// <summary>An answer's bytes: UTF-8 with the XML declaration.</summary>
    public static byte[] Bytes(XElement root)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            new XDocument(new XDeclaration("1.0", "UTF-8", null), root).Save(writer);
        }

        return stream.ToArray();
    }

    /// <summary>
    /// Text for an answer without <c>encoding-type=url</c>: refused when it holds characters XML 1.0 cannot carry
    /// (NUL and other control characters, lone surrogates), as the client must then ask for URL encoding.
    /// </summary>
    /// <exception cref="S3Exception">InvalidArgument naming the way out.</exception>
    public static string Checked(string text) => IsXmlText(text)
        ? text
        : throw new S3Exception("InvalidArgument", "A key, prefix, delimiter or marker holds characters XML 1.0 cannot carry; ask for encoding-type=url");

    /// <summary>Text for an error answer: characters XML 1.0 cannot carry become U+FFFD.</summary>
    public static string Lenient(string text) =>
        IsXmlText(text) ? text : string.Concat(text.Select(c => XmlConvert.IsXmlChar(c) ? c : '\uFFFD'));

    /// <summary>A time as S3's XML writes it: <c>2024-01-02T03:04:05.000Z</c>.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A time as HTTP headers write it (<c>Last-Modified</c>).</summary>
    public static string HttpTime(DateTimeOffset time) => time.UtcDateTime.ToString("r", CultureInfo.InvariantCulture);

    /// <summary>Parses a request body: no DTD, no external entities, at most <paramref name="maxCharacters"/> characters.</summary>
    /// <exception cref="S3Exception">MalformedXML when it is not well-formed XML.</exception>
    public static XElement Parse(byte[] body, long maxCharacters)
    {
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(body), new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                MaxCharactersInDocument = maxCharacters,
            });
            return XDocument.Load(reader).Root ?? throw Malformed();
        }
        catch (XmlException)
        {
            throw Malformed();
        }
    }

    /// <summary>The children of an element with a local name, in any namespace (clients send S3's or none).</summary>
    public static IEnumerable<XElement> Children(XElement element, string name) => element.Elements().Where(e => e.Name.LocalName == name);

    /// <summary>The text of a child element, or <see langword="null"/>.</summary>
    public static string? Child(XElement element, string name) => Children(element, name).FirstOrDefault()?.Value;

    /// <summary>The error for a body that is not the XML expected.</summary>
    public static S3Exception Malformed() => new("MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema.");

    private static bool IsXmlText(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                continue;
            }

            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                i++;
                continue;
            }

            return false;
        }

        return true;
    }
}
