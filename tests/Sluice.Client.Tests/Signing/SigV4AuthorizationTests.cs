using Sluice.Client.Signing;

namespace Sluice.Client.Tests.Signing;

public sealed class SigV4AuthorizationTests
{
    private const string Botocore =
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240506/us-east-1/sagemaker/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, " +
        "Signature=2593271a298cb7a3847a33cee2a8a7e085be0bd798695c5c60eaca1881364440";

    [Fact]
    public void TryParse_BotocoreHeader_GivesEveryPart()
    {
        SigV4Authorization.TryParse(Botocore, out var authorization).ShouldBeTrue();

        authorization.AccessKeyId.ShouldBe("AKIDEXAMPLE");
        authorization.Date.ShouldBe("20240506");
        authorization.Region.ShouldBe("us-east-1");
        authorization.Service.ShouldBe("sagemaker");
        authorization.SignedHeaders.ShouldBe(["content-type", "host", "x-amz-date", "x-amz-target"]);
        authorization.Signature.ShouldBe("2593271a298cb7a3847a33cee2a8a7e085be0bd798695c5c60eaca1881364440");
        authorization.CredentialScope.ShouldBe("20240506/us-east-1/sagemaker/aws4_request");
    }

    [Fact]
    public void ToString_ParsedHeader_RoundTripsExactly()
    {
        SigV4Authorization.TryParse(Botocore, out var authorization).ShouldBeTrue();

        authorization.ToString().ShouldBe(Botocore);
    }

    [Fact]
    public void TryParse_ComponentsReorderedWithoutSpaces_StillParses()
    {
        const string value = "AWS4-HMAC-SHA256 Signature=abc,SignedHeaders=host,Credential=AK/20240506/eu-west-1/sqs/aws4_request";

        SigV4Authorization.TryParse(value, out var authorization).ShouldBeTrue();

        authorization.Service.ShouldBe("sqs");
        authorization.Region.ShouldBe("eu-west-1");
        authorization.SignedHeaders.ShouldBe(["host"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AK/20240506/us-east-1/sagemaker/aws4_request, SignedHeaders=host")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AK/20240506/us-east-1/sagemaker/other, SignedHeaders=host, Signature=ab")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AK/2024-05-06/us-east-1/sagemaker/aws4_request, SignedHeaders=host, Signature=ab")]
    [InlineData("AWS4-HMAC-SHA256 Credential=20240506/us-east-1/sagemaker/aws4_request, SignedHeaders=host, Signature=ab")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AK/20240506/us-east-1/sagemaker/aws4_request, SignedHeaders=host;;x, Signature=ab")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AK/20240506/us-east-1/sagemaker/aws4_request, SignedHeaders=host, Signature=ab, Extra=1")]
    public void TryParse_Malformed_IsFalse(string? value) =>
        SigV4Authorization.TryParse(value, out _).ShouldBeFalse();
}
