using Sluice.Client.Credentials;

namespace Sluice.Client.Tests.Credentials;

public sealed class AwsConfigFileTests
{
    [Fact]
    public void Parse_CommentsColonsAndCase_ReadAsBotocoreDoes()
    {
        var sections = AwsConfigFile.Parse("; top\r\n[default]\r\nAWS_Access_Key_Id: KEY\r\n# inner\r\nregion=us-east-1\r\n");

        sections["default"]["aws_access_key_id"].ShouldBe("KEY");
        sections["default"]["REGION"].ShouldBe("us-east-1");
    }

    [Fact]
    public void Parse_NestedSettings_AreSkippedAndDoNotLeak()
    {
        var sections = AwsConfigFile.Parse("[profile a]\ns3 =\n    region = wrong\n    max = 1\nregion = right\n");

        sections["profile a"]["region"].ShouldBe("right");
        sections["profile a"]["s3"].ShouldBe(string.Empty);
    }

    [Fact]
    public void Parse_SectionNameWithExtraSpaces_IsNormalized()
    {
        var sections = AwsConfigFile.Parse("[profile    spaced ]\nregion = x\n");

        sections.ShouldContainKey("profile spaced");
    }

    [Fact]
    public void Parse_KeysBeforeAnySection_AreIgnored()
    {
        var sections = AwsConfigFile.Parse("region = x\n[default]\n");

        sections["default"].ShouldBeEmpty();
    }
}
