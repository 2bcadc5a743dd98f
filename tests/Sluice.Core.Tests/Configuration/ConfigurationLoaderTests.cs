using Sluice.Core.Configuration;

namespace Sluice.Core.Tests.Configuration;

public sealed class ConfigurationLoaderTests
{
    [Fact]
    public void Parse_FullFile_ReadsEverySetting()
    {
        var configuration = ConfigurationLoader.Parse("""
            region: eu-west-1
            account: "123456789012"
            lambda:
              timeout: 300
              functions:
                check:
                  command: [python3, check.py]
                  timeout: 60
                  environment: {LEVEL: debug}
                arn:aws:lambda:eu-west-1:123456789012:function:notify:
                  url: http://127.0.0.1:9000/invoke
            """, "/configs/sluice.yaml");

        configuration.Region.ShouldBe("eu-west-1");
        configuration.Account.ShouldBe("123456789012");
        configuration.LambdaTimeout.ShouldBe(TimeSpan.FromSeconds(300));
        var check = configuration.FindLambda("arn:aws:lambda:eu-west-1:123456789012:function:check").ShouldNotBeNull();
        check.Command.ShouldBe(["python3", "check.py"]);
        check.Timeout.ShouldBe(TimeSpan.FromSeconds(60));
        check.Environment["LEVEL"].ShouldBe("debug");
        configuration.FindLambda("arn:aws:lambda:eu-west-1:123456789012:function:notify").ShouldNotBeNull().Url.ShouldBe(new Uri("http://127.0.0.1:9000/invoke"));
        configuration.FindLambda("other").ShouldBeNull();
    }

    [Fact]
    public void Parse_ServeConsoleToken_ReadWithTheCredentials()
    {
        var configuration = ConfigurationLoader.Parse("""
            serve:
              console_token: a-long-console-token
              credentials:
                - {access_key_id: AKID, secret_access_key: s3cret}
            """, "/configs/sluice.yaml");

        configuration.ConsoleToken.ShouldBe("a-long-console-token");
        configuration.ServeCredentials["AKID"].ShouldBe("s3cret");
    }

    [Fact]
    public void Parse_ShortConsoleToken_SaysHowLongItMustBe()
    {
        var error = Should.Throw<Exception>(() => ConfigurationLoader.Parse("serve:\n  console_token: short", "/configs/sluice.yaml"));

        error.Message.ShouldContain("serve.console_token: must be at least 16 characters");
    }

    [Theory]
    [InlineData("regoin: x", "sluice.yaml:1: (top level): unknown key 'regoin' (did you mean 'region'?)")]
    [InlineData("lambda:\n  timeout: soon", "sluice.yaml:2: lambda.timeout: 'soon' is not a number of seconds greater than 0")]
    [InlineData("lambda:\n  functions:\n    f: {}", "sluice.yaml:3: lambda.functions.f: give either a command (a list of words) or a url")]
    [InlineData("lambda:\n  functions:\n    f: {command: [a], url: 'http://x'}", "sluice.yaml:3: lambda.functions.f: give either a command")]
    [InlineData("lambda:\n  functions:\n    f: {url: 'ftp://x'}", "sluice.yaml:3: lambda.functions.f.url: 'ftp://x' is not an http:// or https:// URL")]
    [InlineData("lambda: [1, 2]", "sluice.yaml:1: lambda: expected a mapping of keys to values")]
    [InlineData("a: [", "sluice.yaml:2: not valid YAML")]
    [InlineData("store: cassandra", "sluice.yaml:1: store: 'cassandra' is not a store backend; supported: sqlite, postgres")]
    [InlineData("store: sqlte", "sluice.yaml:1: store: 'sqlte' is not a store backend (did you mean 'sqlite'?); supported: sqlite")]
    [InlineData("jobs:\n  host: lokal", "sluice.yaml:2: jobs.host: 'lokal' is not a job host (did you mean 'local'?); supported: local, slurm")]
    public void Parse_BadFile_NamesTheFileLineAndKey(string text, string message) =>
        Should.Throw<ConfigurationException>(() => ConfigurationLoader.Parse(text, "sluice.yaml")).Message.ShouldStartWith(message);

    [Fact]
    public void Parse_Images_MatchesPatternsInOrder()
    {
        var configuration = ConfigurationLoader.Parse("""
            python: /usr/bin/python3
            images:
              "*sagemaker-xgboost*": [python3, /opt/algorithms/xgboost.py]
              "*": run-anything
            """, "sluice.yaml");

        configuration.Python.ShouldBe("/usr/bin/python3");
        configuration.FindImageCommand("123.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1").ShouldBe(["python3", "/opt/algorithms/xgboost.py"]);
        configuration.FindImageCommand("other:latest").ShouldBe(["run-anything"]);
        ConfigurationLoader.Parse(string.Empty, "sluice.yaml").FindImageCommand("x").ShouldBeNull();
    }

    [Fact]
    public void Parse_Store_ChoosesTheBackend()
    {
        ConfigurationLoader.Parse("store: sqlite", "sluice.yaml").Store.ShouldBe("sqlite");
        ConfigurationLoader.Parse(string.Empty, "sluice.yaml").Store.ShouldBe("sqlite");
    }

    [Fact]
    public void Parse_JobHost_ChoosesWhereJobsRun()
    {
        ConfigurationLoader.Parse("jobs:\n  host: local", "sluice.yaml").Jobs.Host.ShouldBe("local");
        ConfigurationLoader.Parse(string.Empty, "sluice.yaml").Jobs.Host.ShouldBe("local");
    }

    [Fact]
    public void Parse_Empty_IsTheDefaults() =>
        ConfigurationLoader.Parse(string.Empty, "sluice.yaml").LambdaTimeout.ShouldBe(TimeSpan.FromMinutes(10));

    [Fact]
    public void Load_MissingGivenFile_SaysSo() =>
        Should.Throw<ConfigurationException>(() => ConfigurationLoader.Load("/nonexistent/sluice.yaml")).Message.ShouldContain("/nonexistent/sluice.yaml: cannot be read");
}
