using Sluice.Client.Credentials;
using Sluice.Client.Tests.Support;

namespace Sluice.Client.Tests.Credentials;

public sealed class AwsCredentialsResolverTests : IDisposable
{
    private readonly TempDirectory _home = new();
    private readonly Dictionary<string, string> _environment = [];

    public void Dispose() => _home.Dispose();

    [Fact]
    public void ResolveCredentials_EnvironmentAndFiles_EnvironmentWins()
    {
        _environment["AWS_ACCESS_KEY_ID"] = "ENVKEY";
        _environment["AWS_SECRET_ACCESS_KEY"] = "envsecret";
        _environment["AWS_SESSION_TOKEN"] = "envtoken";
        _home.Write(".aws/credentials", "[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = filesecret\n");

        Resolver().ResolveCredentials().ShouldBe(new AwsCredentials("ENVKEY", "envsecret", "envtoken"));
    }

    [Fact]
    public void ResolveCredentials_OnlyCredentialsFile_ReadsTheDefaultProfile()
    {
        _home.Write(".aws/credentials", """
            # comment
            [other]
            aws_access_key_id = OTHER
            aws_secret_access_key = othersecret

            [default]
            aws_access_key_id=DEFAULTKEY
            aws_secret_access_key=defaultsecret
            aws_session_token = tok
            """);

        Resolver().ResolveCredentials().ShouldBe(new AwsCredentials("DEFAULTKEY", "defaultsecret", "tok"));
    }

    [Fact]
    public void ResolveCredentials_AwsProfileSet_SelectsThatProfile()
    {
        _environment["AWS_PROFILE"] = "ci";
        _home.Write(".aws/credentials", "[default]\naws_access_key_id = D\naws_secret_access_key = d\n[ci]\naws_access_key_id = CI\naws_secret_access_key = c\n");

        Resolver().ResolveCredentials().AccessKeyId.ShouldBe("CI");
    }

    [Fact]
    public void ResolveCredentials_ProfileOnlyInConfigFile_ReadsTheProfilePrefixedSection()
    {
        _environment["AWS_PROFILE"] = "dev";
        _home.Write(".aws/config", "[dev]\naws_access_key_id = WRONG\naws_secret_access_key = w\n[profile dev]\naws_access_key_id = DEV\naws_secret_access_key = d\nregion = eu-west-1\n");

        Resolver().ResolveCredentials().AccessKeyId.ShouldBe("DEV");
    }

    [Fact]
    public void ResolveCredentials_ProfilePrefixInCredentialsFile_IsNotThatProfile()
    {
        _environment["AWS_PROFILE"] = "dev";
        _home.Write(".aws/credentials", "[profile dev]\naws_access_key_id = WRONG\naws_secret_access_key = w\n");

        var error = Should.Throw<AwsConfigurationException>(() => Resolver().ResolveCredentials());

        error.Message.ShouldContain("(no [dev] section)");
    }

    [Fact]
    public void ResolveCredentials_CredentialsFileBeatsConfigFile()
    {
        _home.Write(".aws/credentials", "[default]\naws_access_key_id = CREDS\naws_secret_access_key = c\n");
        _home.Write(".aws/config", "[default]\naws_access_key_id = CONFIG\naws_secret_access_key = c\n");

        Resolver().ResolveCredentials().AccessKeyId.ShouldBe("CREDS");
    }

    [Fact]
    public void ResolveCredentials_FileLocationsFromEnvironment_AreUsed()
    {
        var credentials = _home.Write("elsewhere/creds.ini", "[default]\naws_access_key_id = MOVED\naws_secret_access_key = m\n");
        _environment["AWS_SHARED_CREDENTIALS_FILE"] = credentials;

        Resolver().ResolveCredentials().AccessKeyId.ShouldBe("MOVED");
    }

    [Fact]
    public void ResolveCredentials_NothingAnywhere_NamesEveryPlaceLooked()
    {
        _environment["AWS_PROFILE"] = "prod";
        _home.Write(".aws/config", "[profile dev]\nregion = us-east-1\n");

        var error = Should.Throw<AwsConfigurationException>(() => Resolver().ResolveCredentials());

        error.Message.ShouldContain("profile 'prod'");
        error.Message.ShouldContain("AWS_ACCESS_KEY_ID");
        error.Message.ShouldContain(Path.Combine(_home.Path, ".aws", "credentials") + " (no such file)");
        error.Message.ShouldContain(Path.Combine(_home.Path, ".aws", "config") + " (no [profile prod] section)");
    }

    [Fact]
    public void ResolveCredentials_ProfileWithoutKeys_SaysSo()
    {
        _home.Write(".aws/credentials", "[default]\nregion = us-east-1\n");

        var error = Should.Throw<AwsConfigurationException>(() => Resolver().ResolveCredentials());

        error.Message.ShouldContain("([default] has no aws_access_key_id)");
    }

    [Fact]
    public void ResolveCredentials_OnlyAccessKeyInEnvironment_ReportsTheMissingSecret()
    {
        _environment["AWS_ACCESS_KEY_ID"] = "ENVKEY";

        var error = Should.Throw<AwsConfigurationException>(() => Resolver().ResolveCredentials());

        error.Message.ShouldBe("Partial AWS credentials in the environment: AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not.");
    }

    [Fact]
    public void ResolveCredentials_SecretMissingInFile_NamesFileAndSection()
    {
        var path = _home.Write(".aws/credentials", "[default]\naws_access_key_id = KEY\n");

        var error = Should.Throw<AwsConfigurationException>(() => Resolver().ResolveCredentials());

        error.Message.ShouldBe($"Partial AWS credentials in [default] of {path}: aws_secret_access_key is missing.");
    }

    [Fact]
    public void ResolveCredentials_NoHomeDirectory_SaysSo()
    {
        var error = Should.Throw<AwsConfigurationException>(() => new AwsCredentialsResolver(_environment, homeDirectory: null).ResolveCredentials());

        error.Message.ShouldContain("(no home directory)");
    }

    [Fact]
    public void ResolveCredentials_EmptyEnvironmentValues_CountAsUnset()
    {
        _environment["AWS_ACCESS_KEY_ID"] = string.Empty;
        _environment["AWS_SECRET_ACCESS_KEY"] = string.Empty;
        _home.Write(".aws/credentials", "[default]\naws_access_key_id = FILE\naws_secret_access_key = f\n");

        Resolver().ResolveCredentials().AccessKeyId.ShouldBe("FILE");
    }

    [Fact]
    public void FindRegion_AwsRegionAndDefaultRegionAndProfile_AwsRegionWins()
    {
        _environment["AWS_REGION"] = "eu-central-1";
        _environment["AWS_DEFAULT_REGION"] = "us-west-2";
        _home.Write(".aws/config", "[default]\nregion = ap-south-1\n");

        Resolver().FindRegion().ShouldBe("eu-central-1");
    }

    [Fact]
    public void FindRegion_OnlyDefaultRegion_UsesIt()
    {
        _environment["AWS_DEFAULT_REGION"] = "us-west-2";

        Resolver().FindRegion().ShouldBe("us-west-2");
    }

    [Fact]
    public void FindRegion_ProfileInConfig_ReadsItsRegion()
    {
        _environment["AWS_PROFILE"] = "dev";
        _home.Write(".aws/config", "[default]\nregion = us-east-1\n[profile dev]\nregion = eu-west-1\ns3 =\n  max_concurrent_requests = 20\n");

        Resolver().FindRegion().ShouldBe("eu-west-1");
    }

    [Fact]
    public void ResolveRegion_NoneAnywhere_NamesWhereItLooked()
    {
        _home.Write(".aws/config", "[default]\noutput = json\n");

        var error = Should.Throw<AwsConfigurationException>(() => Resolver().ResolveRegion());

        error.Message.ShouldContain("AWS_REGION and AWS_DEFAULT_REGION");
        error.Message.ShouldContain("([default] has no region)");
    }

    [Fact]
    public void ProfileName_AwsDefaultProfileOnly_IsUsed()
    {
        _environment["AWS_DEFAULT_PROFILE"] = "legacy";

        Resolver().ProfileName.ShouldBe("legacy");
    }

    private AwsCredentialsResolver Resolver() => new(_environment, _home.Path);
}
