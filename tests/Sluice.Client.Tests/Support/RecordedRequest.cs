using System.Text;
using System.Text.Json;
using Sluice.Client.Signing;

namespace Sluice.Client.Tests.Support;

/// <summary>A request as it left the client.</summary>
public sealed record RecordedRequest(string Method, Uri Uri, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    public string? Header(string name) => ToSigning().Header(name);

    public string BodyText => Encoding.UTF8.GetString(Body);

    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    /// <summary>The request as a server would see it, Host header included (HttpClient adds it on the wire).</summary>
    public SigningRequest ToSigning() =>
        new(Method, Uri, Headers.Append(new("Host", Uri.IsDefaultPort ? Uri.Host : $"{Uri.Host}:{Uri.Port}")).ToList(), Body);
}
