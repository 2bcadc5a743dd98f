using System.Text;
using System.Xml;

namespace Sluice.Server.S3;

/// <summary>
/// An S3 answer written element by element, for answers of thousands of elements (listings): the same document as
/// <see cref="S3Xml.Bytes"/> gives for the same tree (declaration, the root in S3's namespace, text elements written
/// with an end tag even when empty), without building the tree first.
/// </summary>
internal sealed class S3XmlStream : IDisposable
{
    private static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(false), Indent = false };

    private readonly MemoryStream _stream = new();
    private readonly XmlWriter _writer;
    private readonly string _namespace = S3Xml.Ns.NamespaceName;

    /// <summary>Starts the document and its root element.</summary>
    /// <param name="root">The root's local name.</param>
    public S3XmlStream(string root)
    {
        _writer = XmlWriter.Create(_stream, Settings);
        _writer.WriteStartDocument();
        _writer.WriteStartElement(root, _namespace);
    }

    /// <summary>Writes <c>&lt;name&gt;text&lt;/name&gt;</c>.</summary>
    public void Text(string name, string text)
    {
        _writer.WriteStartElement(name, _namespace);
        _writer.WriteString(text);
        _writer.WriteFullEndElement();
    }

    /// <summary>Starts an element whose children follow.</summary>
    public void Start(string name) => _writer.WriteStartElement(name, _namespace);

    /// <summary>Ends the element last started.</summary>
    public void End() => _writer.WriteEndElement();

    /// <summary>Ends the root and gives the document's bytes.</summary>
    public byte[] ToBytes()
    {
        _writer.WriteEndElement();
        _writer.WriteEndDocument();
        _writer.Flush();
        return _stream.ToArray();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _writer.Dispose();
        _stream.Dispose();
    }
}
