using System.Text;
using Sluice.Server.Api;

namespace Sluice.Server.Tests.Api;

/// <summary>The NextToken of the lists paged in memory: what the server writes reads back; anything else is refused.</summary>
public sealed class OffsetPageTokenTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(50)]
    [InlineData(int.MaxValue)]
    public void Read_WrittenToken_GivesTheOffset(int offset) =>
        OffsetPageToken.Read(OffsetPageToken.Write(offset)).ShouldBe(offset);

    [Theory]
    [InlineData("99999999999")] // past an int: once an OverflowException, HTTP 500
    [InlineData("2147483648")]
    [InlineData("-1")]
    [InlineData("+5")]
    [InlineData(" 5")]
    [InlineData("5 ")]
    [InlineData("1e3")]
    [InlineData("0x10")]
    [InlineData("")]
    [InlineData("٣")] // a digit, but not an ASCII one
    public void Read_TokenOfNoOffset_IsInvalidNextToken(string decoded)
    {
        var error = Should.Throw<ApiException>(() => OffsetPageToken.Read(Convert.ToBase64String(Encoding.UTF8.GetBytes(decoded))));

        error.Code.ShouldBe("ValidationException");
        error.Message.ShouldBe("Invalid NextToken.");
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("=")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("////")]
    public void Read_NotATokenOfThisServer_IsInvalidNextToken(string token) =>
        Should.Throw<ApiException>(() => OffsetPageToken.Read(token)).Message.ShouldBe("Invalid NextToken.");
}
