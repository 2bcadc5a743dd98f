using Sluice.Client.Credentials;
using Sluice.Sdk.Remote;

namespace Sluice.Sdk.Tests.Remote;

public sealed class PipelineClientsTests
{
    [Fact]
    public void EndpointFromEnvironment_BothSet_TakesTheSageMakerOne()
    {
        var environment = new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = "http://general:1", ["AWS_ENDPOINT_URL_SAGEMAKER"] = "http://localhost:8080" };

        PipelineClients.EndpointFromEnvironment(environment.GetValueOrDefault).ShouldBe(new Uri("http://localhost:8080"));
    }

    [Fact]
    public void EndpointFromEnvironment_OnlyTheGeneralOne_TakesIt() =>
        PipelineClients.EndpointFromEnvironment(new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = "http://general:1" }.GetValueOrDefault)
            .ShouldBe(new Uri("http://general:1"));

    [Fact]
    public void EndpointFromEnvironment_Ignored_ReturnsNull() =>
        PipelineClients.EndpointFromEnvironment(new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL"] = "http://general:1",
            ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "true",
        }.GetValueOrDefault).ShouldBeNull();

    [Fact]
    public void EndpointFromEnvironment_NotAUri_ThrowsNamingTheVariable() =>
        Should.Throw<AwsConfigurationException>(() => PipelineClients.EndpointFromEnvironment(
            new Dictionary<string, string> { ["AWS_ENDPOINT_URL_SAGEMAKER"] = "localhost" }.GetValueOrDefault))
            .Message.ShouldContain("AWS_ENDPOINT_URL_SAGEMAKER");

    [Fact]
    public void Create_EnvironmentWithEndpointAndKeys_ClientPostsThereSigningForTheRegion()
    {
        var environment = new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL"] = "http://localhost:8080",
            ["AWS_ACCESS_KEY_ID"] = "AKIDTEST",
            ["AWS_SECRET_ACCESS_KEY"] = "test-secret",
            ["AWS_REGION"] = "eu-west-1",
        };

        using var client = PipelineClients.Create(null, environment.GetValueOrDefault, new AwsCredentialsResolver(environment, homeDirectory: null), null);

        client.Transport.Endpoint.ShouldBe(new Uri("http://localhost:8080"));
        client.Transport.Region.ShouldBe("eu-west-1");
        client.Transport.IsAnonymous.ShouldBeFalse();
    }

    [Fact]
    public void Create_NoEndpointAnywhere_UsesSageMakersRegionalEndpoint()
    {
        var environment = new Dictionary<string, string> { ["AWS_ACCESS_KEY_ID"] = "AKIDTEST", ["AWS_SECRET_ACCESS_KEY"] = "test-secret", ["AWS_REGION"] = "eu-west-1" };

        using var client = PipelineClients.Create(null, environment.GetValueOrDefault, new AwsCredentialsResolver(environment, homeDirectory: null), null);

        client.Transport.Endpoint.Host.ShouldBe("api.sagemaker.eu-west-1.amazonaws.com");
    }
}
