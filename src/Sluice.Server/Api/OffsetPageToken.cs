using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Sluice.Server.Api;

/// <summary>
/// The NextToken of the lists paged in memory (every List operation but ListPipelineExecutions, which has
/// <see cref="ExecutionPageToken"/>): the base64 of the offset of the next page, in decimal digits. A client may send
/// anything back, so a token is read strictly: base64 of digits only, no sign, within an <see cref="int"/>.
/// </summary>
internal static class OffsetPageToken
{
    /// <summary>The longest token read: the base64 of <see cref="int.MaxValue"/> is 16 characters.</summary>
    private const int MaxLength = 16;

    /// <summary>The token for the page that starts at <paramref name="offset"/>.</summary>
    public static string Write(int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(offset.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The offset a token names.</summary>
    /// <exception cref="ApiException">ValidationException: not a token this server wrote.</exception>
    public static int Read(string token)
    {
        Span<byte> digits = stackalloc byte[MaxLength];
        if (token.Length > MaxLength
            || !Convert.TryFromBase64String(token, digits, out var written)
            || !Utf8Parser.TryParse(digits[..written], out int offset, out var consumed)
            || consumed != written
            || offset < 0
            || digits[0] is (byte)'-' or (byte)'+')
        {
            throw ApiException.Validation("Invalid NextToken.");
        }

        return offset;
    }
}
