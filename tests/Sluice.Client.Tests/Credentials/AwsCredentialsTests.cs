using Sluice.Client.Credentials;

namespace Sluice.Client.Tests.Credentials;

public sealed class AwsCredentialsTests
{
    [Fact]
    public void ToString_WithSecretAndToken_ShowsNeither()
    {
        var text = new AwsCredentials("AKIDEXAMPLE", "s3cr3t-value", "t0ken-value").ToString();

        text.ShouldContain("AKIDEXAMPLE");
        text.ShouldNotContain("s3cr3t-value");
        text.ShouldNotContain("t0ken-value");
    }
}
