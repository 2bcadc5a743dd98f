using System.Net.Http.Headers;
using System.Text;
using Sluice.Client.Credentials;
using Sluice.Client.Signing;

namespace Sluice.Client.Tests.Signing;

/// <summary>
/// Signatures checked against botocore. The expected values were computed by the real botocore 1.43.11 installed on the
/// build machine with <c>botocore.auth.SigV4Auth</c>, fixed credentials (AKIDEXAMPLE) and the clock fixed at
/// 2024-05-06T07:08:09Z by patching <c>botocore.auth.get_current_datetime</c>; <c>botocore_vectors.py</c> next to this
/// file prints them. The AWS documentation example (IAM ListUsers) is checked as well.
/// </summary>
public sealed class SigV4SignerTests
{
    private static readonly AwsCredentials Example = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static readonly DateTimeOffset When = new(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);

    [Fact]
    public void Sign_SageMakerCallOnLocalPort_MatchesBotocore()
    {
        var request = Post("http://localhost:8080/", "application/x-amz-json-1.1", "SageMaker.ListPipelines", """{"MaxResults":10}""");

        var result = new SigV4Signer(Example, "us-east-1", "sagemaker").Sign(request, When);

        result.CanonicalRequest.ShouldBe(
            "POST\n/\n\ncontent-type:application/x-amz-json-1.1\nhost:localhost:8080\nx-amz-date:20240506T070809Z\nx-amz-target:SageMaker.ListPipelines\n\n" +
            "content-type;host;x-amz-date;x-amz-target\nc85361bc66a773f8ac883fc34e452cb647b1af5df5421c966b988ed3466e806b");
        Header(result, "Authorization").ShouldBe(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240506/us-east-1/sagemaker/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, " +
            "Signature=2593271a298cb7a3847a33cee2a8a7e085be0bd798695c5c60eaca1881364440");
        Header(result, "X-Amz-Date").ShouldBe("20240506T070809Z");
    }

    [Fact]
    public void Sign_SessionTokenOnDefaultHttpsPort_SignsTokenAndHostWithoutPort()
    {
        var request = Post(
            "https://api.sagemaker.eu-west-1.amazonaws.com/",
            "application/x-amz-json-1.1",
            "SageMaker.DescribePipelineExecution",
            """{"PipelineExecutionArn":"arn:aws:sagemaker:eu-west-1:111122223333:pipeline/p/execution/abc123"}""");
        var credentials = Example with { SessionToken = "FwoGZXIvYXdzEXAMPLETOKEN+/=" };

        var result = new SigV4Signer(credentials, "eu-west-1", "sagemaker").Sign(request, When);

        Header(result, "X-Amz-Security-Token").ShouldBe("FwoGZXIvYXdzEXAMPLETOKEN+/=");
        result.CanonicalRequest.ShouldContain("\nhost:api.sagemaker.eu-west-1.amazonaws.com\n");
        Header(result, "Authorization").ShouldBe(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240506/eu-west-1/sagemaker/aws4_request, " +
            "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature=af519fe18f2af3a48ccfbb002c5c625662d4216d8a7d893362ba275a99ee5dc1");
    }

    [Fact]
    public void Sign_SqsJson10WithQueryMode_MatchesBotocore()
    {
        var request = Post(
            "http://127.0.0.1:9324/",
            "application/x-amz-json-1.0",
            "AmazonSQS.ReceiveMessage",
            """{"QueueUrl":"http://127.0.0.1:9324/000000000000/q","MaxNumberOfMessages":1,"WaitTimeSeconds":0}""",
            ("x-amzn-query-mode", "true"));

        var result = new SigV4Signer(Example, "us-west-2", "sqs").Sign(request, When);

        result.Authorization.Signature.ShouldBe("85bcf7ae669ebaa93704f079ee2d3d57cad944d9b22f6fb6b8d634258317cf31");
        result.Authorization.SignedHeaders.ShouldBe(["content-type", "host", "x-amz-date", "x-amz-target", "x-amzn-query-mode"]);
    }

    [Fact]
    public void Sign_PathWithDotSegmentsAndEscapesAndUnsortedQuery_CanonicalizesAsBotocore()
    {
        var request = new SigningRequest(
            "GET",
            new Uri("https://example.amazonaws.com:8443/a%20b/./c/../d~e?z=1&a=x%2Fy&a=b&empty="),
            [new("X-Amz-Meta", "  spaced   value  ")],
            ReadOnlyMemory<byte>.Empty);

        var result = new SigV4Signer(Example, "us-east-1", "service").Sign(request, When);

        result.CanonicalRequest.ShouldBe(
            "GET\n/a%2520b/d~e\na=b&a=x%2Fy&empty=&z=1\nhost:example.amazonaws.com:8443\nx-amz-date:20240506T070809Z\nx-amz-meta:spaced value\n\n" +
            "host;x-amz-date;x-amz-meta\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        result.Authorization.Signature.ShouldBe("debe3b30e40bd9c97e0c01a4a3646f6633056aa3eecbeff75bb83de8fbf48d8e");
    }

    [Fact]
    public void Sign_ContentSha256HeaderAsked_AddsAndSignsIt()
    {
        var request = Post("http://localhost:8080/", "application/x-amz-json-1.1", "SageMaker.ListPipelines", "{}");

        var result = new SigV4Signer(Example, "us-east-1", "sagemaker") { AddContentSha256Header = true }.Sign(request, When);

        Header(result, "X-Amz-Content-Sha256").ShouldBe("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
        result.Authorization.Signature.ShouldBe("c8e58e79ce735bcf8db6e4985e9d2e1aa2dc8bb694c70d0dc8baa4c724c57904");
    }

    [Fact]
    public void Sign_AwsDocumentationExample_GivesTheDocumentedSignature()
    {
        // docs.aws.amazon.com "Signature Version 4 signing process" example: IAM ListUsers, 20150830T123600Z.
        var request = new SigningRequest(
            "GET",
            new Uri("https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08"),
            [new("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
            ReadOnlyMemory<byte>.Empty);

        var result = new SigV4Signer(Example, "us-east-1", "iam").Sign(request, new DateTimeOffset(2015, 8, 30, 12, 36, 0, TimeSpan.Zero));

        result.Authorization.Signature.ShouldBe("5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
        result.Authorization.ToString().ShouldBe(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, " +
            "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
    }

    [Fact]
    public void Sign_HttpRequestMessageOnNonDefaultPort_SignsHostWithPortAndSetsHeaders()
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "http://localhost:8080/");
        message.Headers.TryAddWithoutValidation("X-Amz-Target", "SageMaker.ListPipelines");
        var body = """{"MaxResults":10}"""u8.ToArray();
        message.Content = new ByteArrayContent(body);
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");

        new SigV4Signer(Example, "us-east-1", "sagemaker").Sign(message, body, When);

        message.Headers.GetValues("X-Amz-Date").Single().ShouldBe("20240506T070809Z");
        message.Headers.GetValues("Authorization").Single().ShouldEndWith("Signature=2593271a298cb7a3847a33cee2a8a7e085be0bd798695c5c60eaca1881364440");
    }

    [Fact]
    public async Task SignAsync_HttpRequestMessage_ReadsTheBodyFromContent()
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "http://localhost:8080/");
        message.Headers.TryAddWithoutValidation("X-Amz-Target", "SageMaker.ListPipelines");
        message.Content = new ByteArrayContent("""{"MaxResults":10}"""u8.ToArray());
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");

        var result = await new SigV4Signer(Example, "us-east-1", "sagemaker").SignAsync(message, When, TestContext.Current.CancellationToken);

        result.Authorization.Signature.ShouldBe("2593271a298cb7a3847a33cee2a8a7e085be0bd798695c5c60eaca1881364440");
    }

    [Fact]
    public void Sign_ResigningARequest_ReplacesTheOldSignatureHeaders()
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "http://localhost:8080/");
        var signer = new SigV4Signer(Example, "us-east-1", "sagemaker");
        signer.Sign(message, ReadOnlyMemory<byte>.Empty, When);

        var second = signer.Sign(message, ReadOnlyMemory<byte>.Empty, When.AddMinutes(1));

        message.Headers.GetValues("Authorization").ShouldHaveSingleItem();
        message.Headers.GetValues("X-Amz-Date").ShouldHaveSingleItem().ShouldBe("20240506T070909Z");
        second.Authorization.SignedHeaders.ShouldBe(["host", "x-amz-date"]);
    }

    [Fact]
    public void Verify_SignedRequest_IsTrueAndFalseOnceTheBodyChanges()
    {
        var request = Post("http://localhost:8080/", "application/x-amz-json-1.1", "SageMaker.ListPipelines", """{"MaxResults":10}""");
        var result = new SigV4Signer(Example, "us-east-1", "sagemaker").Sign(request, When);
        var received = request with { Headers = [.. request.Headers, .. result.Headers, new("Host", "localhost:8080")] };

        SigV4Signer.Verify(received, result.Authorization, Example.SecretAccessKey).ShouldBeTrue();
        SigV4Signer.Verify(received with { Body = Encoding.UTF8.GetBytes("""{"MaxResults":11}""") }, result.Authorization, Example.SecretAccessKey).ShouldBeFalse();
        SigV4Signer.Verify(received, result.Authorization, "wrong secret").ShouldBeFalse();
    }

    [Fact]
    public void Verify_HostHeaderWithoutPort_DoesNotMatchASignatureOverHostWithPort()
    {
        var request = Post("http://localhost:8080/", "application/x-amz-json-1.1", "SageMaker.ListPipelines", "{}");
        var result = new SigV4Signer(Example, "us-east-1", "sagemaker").Sign(request, When);
        var proxied = request with { Headers = [.. request.Headers, .. result.Headers, new("Host", "localhost")] };

        SigV4Signer.Verify(proxied, result.Authorization, Example.SecretAccessKey).ShouldBeFalse();
    }

    [Fact]
    public void Verify_NoAmzDateHeader_IsFalse()
    {
        var request = Post("http://localhost:8080/", "application/x-amz-json-1.1", "SageMaker.ListPipelines", "{}");
        var result = new SigV4Signer(Example, "us-east-1", "sagemaker").Sign(request, When);

        SigV4Signer.Verify(request, result.Authorization, Example.SecretAccessKey).ShouldBeFalse();
    }

    [Fact]
    public void ComputeSignature_KnownStringToSign_MatchesTheDocumentedDerivation()
    {
        // The AWS documentation example's string to sign, signed with its derived key.
        const string stringToSign = "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/iam/aws4_request\n" +
            "f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59";

        SigV4Signer.ComputeSignature(Example.SecretAccessKey, "20150830", "us-east-1", "iam", stringToSign)
            .ShouldBe("5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
    }

    [Fact]
    public void StringToSign_Parts_AreJoinedByNewlines()
    {
        var text = SigV4Signer.StringToSign("20240506T070809Z", SigV4Signer.CredentialScope("20240506", "us-east-1", "sagemaker"), string.Empty);

        text.ShouldBe("AWS4-HMAC-SHA256\n20240506T070809Z\n20240506/us-east-1/sagemaker/aws4_request\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    [Fact]
    public void SignedHeaderNames_HopByHopAndUserAgent_AreLeftOut()
    {
        KeyValuePair<string, string>[] headers =
        [
            new("User-Agent", "x"), new("Content-Length", "2"), new("Connection", "keep-alive"), new("X-Amz-Target", "t"), new("Content-Type", "c"),
        ];

        SigV4Signer.SignedHeaderNames(headers).ShouldBe(["content-type", "host", "x-amz-target"]);
    }

    private static SigningRequest Post(string url, string contentType, string target, string body, params (string Name, string Value)[] extra) =>
        new(
            "POST",
            new Uri(url),
            [new("Content-Type", contentType), new("X-Amz-Target", target), .. extra.Select(e => new KeyValuePair<string, string>(e.Name, e.Value))],
            Encoding.UTF8.GetBytes(body));

    private static string Header(SigV4SigningResult result, string name) =>
        result.Headers.Single(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
