using System.CommandLine;
using System.Globalization;
using System.Text;

namespace Sluice.Cli.Commands;

/// <summary>
/// <c>sluice env</c>: the environment that points the AWS SDKs, the AWS CLI and the SageMaker Python SDK at a running
/// <c>sluice serve</c>, as shell commands to <c>eval</c>: <c>AWS_ENDPOINT_URL</c>, the region, credentials the server
/// accepts (the first of <c>serve.credentials</c>, or dummy ones when it accepts any), and
/// <c>SAGEMAKER_USER_CONFIG_OVERRIDE</c> naming a SageMaker SDK configuration file it writes, with the default bucket
/// (so the SDK does not call STS at its regional endpoint to name one) and telemetry off.
/// </summary>
internal static class EnvCommand
{
    /// <summary>The server <c>sluice serve</c> listens on by default.</summary>
    public const string DefaultEndpoint = "http://127.0.0.1:8080";

    /// <summary>The access key id printed when the server accepts any signature.</summary>
    public const string DummyAccessKeyId = "sluice";

    /// <summary>The secret printed when the server accepts any signature.</summary>
    public const string DummySecretAccessKey = "sluice-local-secret";

    private static readonly string[] Shells = ["sh", "fish", "powershell"];

    public static Command Create(CliIo io)
    {
        var endpoint = new Option<string>("--endpoint")
        {
            Description = $"The server's URL (default: $SLUICE_ENDPOINT, else {DefaultEndpoint}, where `sluice serve` listens by default).",
            HelpName = "URL",
        };
        var shell = new Option<string>("--shell") { Description = "The shell to print for: sh (bash, zsh, ...), fish or powershell.", DefaultValueFactory = _ => "sh" };
        shell.AcceptOnlyFromAmong(Shells);
        var bucket = new Option<string?>("--bucket") { Description = "The SageMaker SDK's default bucket (default: sagemaker-REGION-ACCOUNT, as the SDK names it).", HelpName = "BUCKET" };
        var sdkConfig = new Option<string?>("--sdk-config") { Description = "Where to write the SageMaker SDK configuration file (default: sagemaker-config.yaml in the data directory).", HelpName = "FILE" };
        var noCheck = new Option<bool>("--no-check") { Description = "Do not check that a server answers at the endpoint." };
        var data = CommonOptions.Data();
        var config = CommonOptions.Config();
        var command = new Command("env", "Print the environment (for eval) that points AWS clients and the SageMaker Python SDK at a running sluice serve.")
        {
            endpoint, shell, bucket, sdkConfig, noCheck, data, config,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (await CliConfiguration.LoadAsync(io, parseResult.GetValue(config)) is not { } configuration)
            {
                return ExitCodes.Usage;
            }

            var url = (parseResult.GetValue(endpoint) ?? (Environment.GetEnvironmentVariable("SLUICE_ENDPOINT") is { Length: > 0 } fromEnvironment ? fromEnvironment : DefaultEndpoint)).TrimEnd('/');
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                await io.Error.WriteLineAsync($"sluice env: --endpoint: '{url}' is not an http:// or https:// URL.");
                return ExitCodes.Usage;
            }

            var region = configuration.Region ?? "us-east-1";
            var account = configuration.Account ?? "000000000000";
            var bucketName = parseResult.GetValue(bucket) ?? $"sagemaker-{region}-{account}";
            if (!IsBucketName(bucketName))
            {
                await io.Error.WriteLineAsync($"sluice env: --bucket: '{bucketName}' is not an S3 bucket name (3 to 63 lower-case letters, digits, '.' and '-', starting and ending with a letter or digit).");
                return ExitCodes.Usage;
            }

            if (!parseResult.GetValue(noCheck) && !await AnswersAsync(uri, cancellationToken))
            {
                await io.Error.WriteLineAsync($"sluice env: no Sluice server answers at {url}/health; start one with `sluice serve` (or give --endpoint, or --no-check).");
                return ExitCodes.Invalid;
            }

            var file = Path.GetFullPath(parseResult.GetValue(sdkConfig) ?? Path.Combine(parseResult.GetValue(data)!, "sagemaker-config.yaml"));
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                await File.WriteAllTextAsync(file, SdkConfiguration(bucketName), cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await io.Error.WriteLineAsync($"sluice env: cannot write the SageMaker SDK configuration {file}: {e.Message}");
                return ExitCodes.Invalid;
            }

            var (keyId, secret) = configuration.ServeCredentials.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => (c.Key, c.Value)).FirstOrDefault();
            var variables = new (string Name, string Value)[]
            {
                ("AWS_ENDPOINT_URL", url),
                ("AWS_DEFAULT_REGION", region),
                ("AWS_REGION", region),
                ("AWS_ACCESS_KEY_ID", keyId ?? DummyAccessKeyId),
                ("AWS_SECRET_ACCESS_KEY", secret ?? DummySecretAccessKey),
                ("SAGEMAKER_USER_CONFIG_OVERRIDE", file),
            };
            await io.Out.WriteAsync(Script(parseResult.GetValue(shell)!, variables, ["AWS_SESSION_TOKEN", "AWS_PROFILE"]));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The SageMaker Python SDK configuration: the default bucket, and telemetry off.</summary>
    /// <param name="bucket">The default bucket.</param>
    /// <returns>The YAML text.</returns>
    public static string SdkConfiguration(string bucket) => $"""
        # Written by `sluice env` for the SageMaker Python SDK (SAGEMAKER_USER_CONFIG_OVERRIDE).
        SchemaVersion: '1.0'
        SageMaker:
          PythonSDK:
            Modules:
              TelemetryOptOut: true
              Session:
                DefaultS3Bucket: '{bucket}'

        """;

    /// <summary>Commands that set <paramref name="variables"/> and unset <paramref name="unset"/> in a shell.</summary>
    /// <param name="shell">sh, fish or powershell.</param>
    /// <param name="variables">The variables to set.</param>
    /// <param name="unset">The variables to remove (credentials of another account that would go with ours).</param>
    /// <returns>The script.</returns>
    public static string Script(string shell, IEnumerable<(string Name, string Value)> variables, IEnumerable<string> unset)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in variables)
        {
            text.AppendLine(shell switch
            {
                "fish" => $"set -gx {name} '{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}';",
                "powershell" => $"$env:{name} = '{value.Replace("'", "''", StringComparison.Ordinal)}'",
                _ => $"export {name}='{value.Replace("'", "'\\''", StringComparison.Ordinal)}'",
            });
        }

        foreach (var name in unset)
        {
            text.AppendLine(shell switch
            {
                "fish" => $"set -e {name};",
                "powershell" => $"Remove-Item Env:{name} -ErrorAction SilentlyContinue",
                _ => $"unset {name}",
            });
        }

        return text.ToString();
    }

    private static bool IsBucketName(string name) =>
        name.Length is >= 3 and <= 63 && char.IsAsciiLetterLower(name[0]) | char.IsAsciiDigit(name[0]) && char.IsAsciiLetterLower(name[^1]) | char.IsAsciiDigit(name[^1])
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-') && !name.Contains("..", StringComparison.Ordinal);

    private static async Task<bool> AnswersAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(new Uri(endpoint, "/health"), cancellationToken);
            return response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync(cancellationToken)) == "ok";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}
