namespace Sluice.Client.Credentials;

/// <summary>
/// Finds credentials and a region the way the AWS CLI and botocore do, for the static sources: environment variables
/// first, then the shared credentials file, then the config file, for the profile named by <c>AWS_PROFILE</c> (or
/// <c>AWS_DEFAULT_PROFILE</c>, else <c>default</c>). SSO, <c>credential_process</c>, assumed roles and instance metadata
/// are not consulted. The environment and the home directory are given, so the result does not depend on the machine.
/// </summary>
public sealed class AwsCredentialsResolver
{
    private readonly Func<string, string?> _environment;
    private readonly string? _home;

    /// <summary>Creates a resolver over an environment and a home directory.</summary>
    /// <param name="environment">Reads an environment variable; <see langword="null"/> or empty means unset.</param>
    /// <param name="homeDirectory">The home directory holding <c>.aws/</c>, or <see langword="null"/> when there is none.</param>
    public AwsCredentialsResolver(Func<string, string?> environment, string? homeDirectory)
    {
        _environment = environment;
        _home = string.IsNullOrEmpty(homeDirectory) ? null : homeDirectory;
    }

    /// <summary>Creates a resolver over a fixed set of environment variables and a home directory.</summary>
    /// <param name="environment">The environment variables.</param>
    /// <param name="homeDirectory">The home directory holding <c>.aws/</c>, or <see langword="null"/>.</param>
    public AwsCredentialsResolver(IReadOnlyDictionary<string, string> environment, string? homeDirectory)
        : this(name => environment.TryGetValue(name, out var value) ? value : null, homeDirectory)
    {
    }

    /// <summary>The profile to read: <c>AWS_PROFILE</c>, else <c>AWS_DEFAULT_PROFILE</c>, else <c>default</c>.</summary>
    public string ProfileName => Env("AWS_PROFILE") ?? Env("AWS_DEFAULT_PROFILE") ?? "default";

    /// <summary>The shared credentials file: <c>AWS_SHARED_CREDENTIALS_FILE</c>, else <c>~/.aws/credentials</c>; <see langword="null"/> without a home directory.</summary>
    public string? CredentialsFilePath => PathOf("AWS_SHARED_CREDENTIALS_FILE", "credentials");

    /// <summary>The config file: <c>AWS_CONFIG_FILE</c>, else <c>~/.aws/config</c>; <see langword="null"/> without a home directory.</summary>
    public string? ConfigFilePath => PathOf("AWS_CONFIG_FILE", "config");

    /// <summary>A resolver over this process's environment and the user's home directory.</summary>
    /// <returns>The resolver.</returns>
    public static AwsCredentialsResolver FromProcess() =>
        new(Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>Finds credentials: environment variables, then the profile in the credentials file, then in the config file.</summary>
    /// <returns>The credentials.</returns>
    /// <exception cref="AwsConfigurationException">None were found (the message lists every place looked), or a source is incomplete.</exception>
    public AwsCredentials ResolveCredentials()
    {
        var accessKey = Env("AWS_ACCESS_KEY_ID");
        var secretKey = Env("AWS_SECRET_ACCESS_KEY");
        if (accessKey is not null && secretKey is not null)
        {
            return new AwsCredentials(accessKey, secretKey, Env("AWS_SESSION_TOKEN"));
        }

        if (accessKey is not null || secretKey is not null)
        {
            var missing = accessKey is null ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY";
            var present = accessKey is null ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID";
            throw new AwsConfigurationException($"Partial AWS credentials in the environment: {present} is set but {missing} is not.");
        }

        var profile = ProfileName;
        var looked = new List<string> { "environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (not set)" };
        foreach (var (path, section) in new[] { (CredentialsFilePath, profile), (ConfigFilePath, ConfigSectionName(profile)) })
        {
            if (Section(path, section, looked) is { } settings)
            {
                if (FromSettings(settings, path!, section) is { } credentials)
                {
                    return credentials;
                }

                looked.Add($"{path} ([{section}] has no aws_access_key_id)");
            }
        }

        throw new AwsConfigurationException(
            $"No AWS credentials found for profile '{profile}'. Looked in: {string.Join("; ", looked)}. " +
            "Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, add the profile to a credentials file, or send unsigned (anonymous) requests.");
    }

    /// <summary>Finds the region: <c>AWS_REGION</c>, <c>AWS_DEFAULT_REGION</c>, then the profile's <c>region</c> (the credentials file's value wins over the config file's, as in botocore).</summary>
    /// <returns>The region, or <see langword="null"/> when none is set anywhere.</returns>
    public string? FindRegion() => FindRegion([]);

    /// <summary>Finds the region as <see cref="FindRegion()"/> does, and fails when there is none.</summary>
    /// <returns>The region.</returns>
    /// <exception cref="AwsConfigurationException">No region is set; the message lists every place looked.</exception>
    public string ResolveRegion()
    {
        var looked = new List<string>();
        return FindRegion(looked) ?? throw new AwsConfigurationException(
            $"No AWS region found for profile '{ProfileName}'. Looked in: environment variables AWS_REGION and AWS_DEFAULT_REGION (not set); {string.Join("; ", looked)}. " +
            "Set AWS_REGION or add 'region' to the profile.");
    }

    private string? FindRegion(List<string> looked)
    {
        if ((Env("AWS_REGION") ?? Env("AWS_DEFAULT_REGION")) is { } region)
        {
            return region;
        }

        var profile = ProfileName;
        foreach (var (path, section) in new[] { (CredentialsFilePath, profile), (ConfigFilePath, ConfigSectionName(profile)) })
        {
            var settings = Section(path, section, looked);
            if (settings is not null)
            {
                if (settings.TryGetValue("region", out var value) && value.Length > 0)
                {
                    return value;
                }

                looked.Add($"{path} ([{section}] has no region)");
            }
        }

        return null;
    }

    /// <summary>The config file names profiles <c>[profile name]</c>, except <c>[default]</c>.</summary>
    private static string ConfigSectionName(string profile) => profile == "default" ? "default" : "profile " + profile;

    private static AwsCredentials? FromSettings(Dictionary<string, string> settings, string path, string section)
    {
        var accessKey = settings.GetValueOrDefault("aws_access_key_id");
        var secretKey = settings.GetValueOrDefault("aws_secret_access_key");
        if (string.IsNullOrEmpty(accessKey) && string.IsNullOrEmpty(secretKey))
        {
            return null;
        }

        if (string.IsNullOrEmpty(accessKey) || string.IsNullOrEmpty(secretKey))
        {
            var missing = string.IsNullOrEmpty(accessKey) ? "aws_access_key_id" : "aws_secret_access_key";
            throw new AwsConfigurationException($"Partial AWS credentials in [{section}] of {path}: {missing} is missing.");
        }

        var token = settings.GetValueOrDefault("aws_session_token") ?? settings.GetValueOrDefault("aws_security_token");
        return new AwsCredentials(accessKey, secretKey, string.IsNullOrEmpty(token) ? null : token);
    }

    /// <summary>A section of a file, or <see langword="null"/> (saying why in <paramref name="looked"/>).</summary>
    private static Dictionary<string, string>? Section(string? path, string section, List<string> looked)
    {
        if (path is null)
        {
            looked.Add($"[{section}] in ~/.aws (no home directory)");
            return null;
        }

        if (!File.Exists(path))
        {
            looked.Add($"{path} (no such file)");
            return null;
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AwsConfigurationException($"Cannot read {path}: {e.Message}", e);
        }

        if (AwsConfigFile.Parse(text).TryGetValue(section, out var settings))
        {
            return settings;
        }

        looked.Add($"{path} (no [{section}] section)");
        return null;
    }

    private string? PathOf(string variable, string fileName)
    {
        if (Env(variable) is { } path)
        {
            return path.StartsWith('~') && _home is not null ? _home + path[1..] : path;
        }

        return _home is null ? null : Path.Combine(_home, ".aws", fileName);
    }

    private string? Env(string name) => _environment(name) is { Length: > 0 } value ? value : null;
}
