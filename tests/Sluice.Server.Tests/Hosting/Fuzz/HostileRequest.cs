using System.Globalization;
using System.Text;

namespace Sluice.Server.Tests.Hosting.Fuzz;

/// <summary>One request the fuzzer sends, and how to show it when it fails.</summary>
/// <param name="Target">The X-Amz-Target header, or <see langword="null"/> for none.</param>
/// <param name="ContentType">The Content-Type header, or <see langword="null"/> for none.</param>
/// <param name="Body">The body's bytes.</param>
/// <param name="Chunks">When set, the body is sent as these bytes after <c>Transfer-Encoding: chunked</c>, framing and all, instead of <see cref="Body"/>.</param>
internal sealed record HostileRequest(string? Target, string? ContentType, byte[] Body, byte[]? Chunks = null)
{
    private const int MaxShown = 2000;

    /// <summary>The request as a failure message shows it: headers, then the body with every byte that is not printable ASCII as <c>\xNN</c>.</summary>
    public override string ToString()
    {
        var bytes = Chunks ?? Body;
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"X-Amz-Target: {Target ?? "(none)"}\nContent-Type: {ContentType ?? "(none)"}\n")
            .Append(Chunks is null ? string.Empty : "Transfer-Encoding: chunked\n")
            .Append(CultureInfo.InvariantCulture, $"Body ({bytes.Length} bytes): ");
        foreach (var b in bytes.AsSpan(0, Math.Min(bytes.Length, MaxShown)))
        {
            text.Append(b is >= 0x20 and < 0x7F ? ((char)b).ToString() : string.Create(CultureInfo.InvariantCulture, $"\\x{b:X2}"));
        }

        return text.Append(bytes.Length > MaxShown ? "..." : string.Empty).ToString();
    }
}
