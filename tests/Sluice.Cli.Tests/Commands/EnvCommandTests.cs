using Sluice.Cli.Commands;
using Sluice.Cli.Tests.Support;

namespace Sluice.Cli.Tests.Commands;

/// <summary>`sluice env`: the environment that points AWS clients and the SageMaker SDK at a running server.</summary>
public sealed class EnvCommandTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("sluice-env-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task Env_RunningServerWithConfiguredCredentials_PrintsThemAndWritesTheSdkConfiguration()
    {
        await using var server = await LocalServer.StartAsync();
        var config = Path.Combine(_work, "sluice.yaml");
        await File.WriteAllTextAsync(config, """
            region: eu-west-2
            account: "123456789012"
            serve:
              credentials:
                - {access_key_id: AKIDZ, secret_access_key: "it's secret"}
                - {access_key_id: AKIDA, secret_access_key: first}
            """, TestContext.Current.CancellationToken);

        var result = await CliRunner.RunAsync(["env", "--endpoint", server.Address.ToString(), "--config", config, "--data", Path.Combine(_work, "data")]);

        result.ExitCode.ShouldBe(0, result.Error);
        var sdkConfig = Path.Combine(_work, "data", "sagemaker-config.yaml");
        result.Out.ShouldBe($"""
            export AWS_ENDPOINT_URL='{server.Address.ToString().TrimEnd('/')}'
            export AWS_DEFAULT_REGION='eu-west-2'
            export AWS_REGION='eu-west-2'
            export AWS_ACCESS_KEY_ID='AKIDA'
            export AWS_SECRET_ACCESS_KEY='first'
            export SAGEMAKER_USER_CONFIG_OVERRIDE='{sdkConfig}'
            unset AWS_SESSION_TOKEN
            unset AWS_PROFILE

            """, StringCompareShould.IgnoreLineEndings);
        var yaml = await File.ReadAllTextAsync(sdkConfig, TestContext.Current.CancellationToken);
        yaml.ShouldContain("DefaultS3Bucket: 'sagemaker-eu-west-2-123456789012'");
        yaml.ShouldContain("TelemetryOptOut: true");
    }

    [Fact]
    public async Task Env_NoCredentialsConfigured_PrintsDummyOnesAndTheGivenBucket()
    {
        await using var server = await LocalServer.StartAsync();
        await File.WriteAllTextAsync(Path.Combine(_work, "none.yaml"), "python: python3\n", TestContext.Current.CancellationToken);

        var result = await CliRunner.RunAsync(["env", "--endpoint", server.Address.ToString(), "--bucket", "my-bucket", "--sdk-config", Path.Combine(_work, "sdk.yaml"), "--config", Path.Combine(_work, "none.yaml")]);

        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldContain($"export AWS_ACCESS_KEY_ID='{EnvCommand.DummyAccessKeyId}'");
        result.Out.ShouldContain("export AWS_DEFAULT_REGION='us-east-1'");
        (await File.ReadAllTextAsync(Path.Combine(_work, "sdk.yaml"), TestContext.Current.CancellationToken)).ShouldContain("DefaultS3Bucket: 'my-bucket'");
    }

    [Fact]
    public async Task Env_NoServerAtTheEndpoint_FailsSayingHowToStartOne()
    {
        var result = await CliRunner.RunAsync(["env", "--endpoint", "http://127.0.0.1:9", "--sdk-config", Path.Combine(_work, "sdk.yaml")]);

        result.ExitCode.ShouldBe(1);
        result.Out.ShouldBeEmpty();
        result.Error.ShouldContain("no Sluice server answers at http://127.0.0.1:9/health; start one with `sluice serve`");
        File.Exists(Path.Combine(_work, "sdk.yaml")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("--bucket", "Not_A_Bucket", "--bucket: 'Not_A_Bucket' is not an S3 bucket name")]
    [InlineData("--endpoint", "ftp://host", "--endpoint: 'ftp://host' is not an http:// or https:// URL")]
    public async Task Env_BadOption_IsAUsageErrorNamingIt(string option, string value, string message)
    {
        var result = await CliRunner.RunAsync(["env", "--no-check", option, value, "--sdk-config", Path.Combine(_work, "sdk.yaml")]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain(message);
    }

    [Theory]
    [InlineData("sh", "export K='it'\\''s'\nunset T\n")]
    [InlineData("fish", "set -gx K 'it\\'s';\nset -e T;\n")]
    [InlineData("powershell", "$env:K = 'it''s'\nRemove-Item Env:T -ErrorAction SilentlyContinue\n")]
    public void Script_ValueWithAQuote_IsQuotedForTheShell(string shell, string expected) =>
        EnvCommand.Script(shell, [("K", "it's")], ["T"]).ReplaceLineEndings("\n").ShouldBe(expected);
}
