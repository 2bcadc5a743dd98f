using System.Text.Json;
using Sluice.Concourse.Configuration;

namespace Sluice.Concourse.Tests.Configuration;

public sealed class ResourceSourceTests
{
    [Fact]
    public void Parse_NameOnly_UsesDefaults()
    {
        var source = Parse("""{"pipeline": "demo"}""");

        source.Pipeline.Name.ShouldBe("demo");
        source.Statuses.ShouldBe(["Succeeded", "Stopped", "Failed"]);
        source.Region.ShouldBeNull();
        source.Endpoint.ShouldBeNull();
        source.Credentials.ShouldBeNull();
    }

    [Fact]
    public void Parse_Everything_ReadsIt()
    {
        var source = Parse("""
            {"pipeline": "arn:aws:sagemaker:eu-west-1:111122223333:pipeline/demo", "statuses": ["succeeded", "Failed", "Succeeded"],
             "endpoint": "http://sluice:8080", "access_key_id": "AKID", "secret_access_key": "secret", "session_token": "token"}
            """);

        source.Pipeline.Name.ShouldBe("demo");
        source.Region.ShouldBe("eu-west-1");
        source.Statuses.ShouldBe(["Succeeded", "Failed"]);
        source.Endpoint.ShouldBe(new Uri("http://sluice:8080"));
        source.Credentials.ShouldBe(new Client.Credentials.AwsCredentials("AKID", "secret", "token"));
    }

    [Theory]
    [InlineData("""{"pipeline": "demo", "regoin": "x"}""", "source has an unknown key 'regoin' (did you mean 'region'?)")]
    [InlineData("""{"pipeline": "demo", "color": "x"}""", "source has an unknown key 'color'; known keys: pipeline, statuses")]
    [InlineData("""{"statuses": ["Failed"]}""", "source.pipeline is missing")]
    [InlineData("""{"pipeline": 7}""", "source.pipeline must be a pipeline name or ARN")]
    [InlineData("""{"pipeline": "demo", "statuses": "Failed"}""", "source.statuses must be a list of execution statuses")]
    [InlineData("""{"pipeline": "demo", "statuses": []}""", "source.statuses is empty")]
    [InlineData("""{"pipeline": "demo", "statuses": ["Done"]}""", "source.statuses has 'Done'")]
    [InlineData("""{"pipeline": "demo", "endpoint": "sluice:8080"}""", "source.endpoint 'sluice:8080' is not an http:// or https:// URL")]
    [InlineData("""{"pipeline": "demo", "access_key_id": "AKID"}""", "source.access_key_id is set but source.secret_access_key is not")]
    [InlineData("""{"pipeline": "demo", "secret_access_key": "s"}""", "source.secret_access_key is set but source.access_key_id is not")]
    [InlineData("""{"pipeline": "demo", "session_token": "t"}""", "source.session_token is set without")]
    [InlineData("""{"pipeline": "arn:aws:sagemaker:eu-west-1:111122223333:pipeline/demo", "region": "us-east-1"}""", "source.region 'us-east-1' contradicts the region 'eu-west-1'")]
    [InlineData("""[1]""", "source must be an object")]
    public void Parse_BadSource_FailsNamingTheKey(string json, string expected)
    {
        var error = Should.Throw<ResourceException>(() => Parse(json));

        error.Message.ShouldContain(expected);
    }

    [Fact]
    public void Parse_Missing_SaysPipelineIsNeeded()
    {
        Should.Throw<ResourceException>(() => ResourceSource.Parse(null)).Message.ShouldContain("source is missing");
    }

    private static ResourceSource Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ResourceSource.Parse(document.RootElement.Clone());
    }
}
