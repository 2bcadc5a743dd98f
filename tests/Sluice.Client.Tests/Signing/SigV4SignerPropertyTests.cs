using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Sluice.Client.Credentials;
using Sluice.Client.Signing;

namespace Sluice.Client.Tests.Signing;

/// <summary>Sign, parse the Authorization header as a server would, recompute: the signatures agree for any body, target and time.</summary>
public sealed class SigV4SignerPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(200);

    public sealed record Case(string Body, string Target, string Region, long Seconds, int Port, string? Token)
    {
        public override string ToString() => $"target={Target} region={Region} t={Seconds} port={Port} token={Token ?? "-"} body={Body}";
    }

    [Fact]
    public void Sign_ThenParseAndRecompute_GivesTheSameSignature()
    {
        Check.One(Runs, Prop.ForAll(Cases().ToArbitrary(), c =>
        {
            var request = new SigningRequest(
                "POST",
                new Uri($"http://localhost:{c.Port}/"),
                [new("Content-Type", "application/x-amz-json-1.1"), new("X-Amz-Target", c.Target)],
                Encoding.UTF8.GetBytes(c.Body));
            var signer = new SigV4Signer(new AwsCredentials("AKID", "secret/key+", c.Token), c.Region, "sagemaker");
            var result = signer.Sign(request, DateTimeOffset.FromUnixTimeSeconds(c.Seconds));
            var received = request with
            {
                Headers = [.. request.Headers, .. result.Headers, new("Host", c.Port == 80 ? "localhost" : $"localhost:{c.Port}")],
            };

            var parsed = SigV4Authorization.TryParse(received.Header("Authorization"), out var authorization);
            return parsed
                && SigV4Signer.ComputeSignature(received, authorization!, "secret/key+") == result.Authorization.Signature
                && SigV4Signer.Verify(received, authorization!, "secret/key+")
                && authorization!.Region == c.Region;
        }));
    }

    private static Gen<Case> Cases() =>
        from body in ArbMap.Default.GeneratorFor<string>().Select(s => s ?? string.Empty)
        from target in Gen.Elements("SageMaker.ListPipelines", "SageMaker.StartPipelineExecution", "SageMaker.DescribePipelineExecution", "AmazonSQS.SendMessage")
        from region in Gen.Elements("us-east-1", "eu-west-1", "ap-southeast-2")
        from seconds in Gen.Choose(0, int.MaxValue).Select(s => (long)s)
        from port in Gen.Elements(80, 8080, 4566, 65535)
        from token in Gen.Elements<string?>(null, "FQoGZXIvYXdzE//token==")
        select new Case(body, target, region, seconds, port, token);
}
