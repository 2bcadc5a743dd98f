using Sluice.Client.Credentials;
using Sluice.Client.Http;
using Sluice.Client.SageMaker;

namespace Sluice.Sdk.Remote;

/// <summary>
/// SageMaker clients configured as the AWS SDKs configure them: credentials and region from the standard environment
/// variables and profile files (<c>AWS_ACCESS_KEY_ID</c>, <c>AWS_PROFILE</c>, <c>AWS_REGION</c>, <c>~/.aws/credentials</c>,
/// <c>~/.aws/config</c>), and the endpoint from <c>AWS_ENDPOINT_URL_SAGEMAKER</c> or <c>AWS_ENDPOINT_URL</c> when set,
/// so the same program talks to <c>sluice serve</c> (<c>AWS_ENDPOINT_URL=http://localhost:8080</c>) or to SageMaker.
/// </summary>
public static class PipelineClients
{
    /// <summary>A SageMaker client for this process's environment.</summary>
    /// <param name="endpoint">The endpoint, e.g. <c>http://localhost:8080</c> for <c>sluice serve</c>; when <see langword="null"/>, the environment's, else SageMaker's regional endpoint.</param>
    /// <param name="timeProvider">The clock for signing, retries and <see cref="PipelineExecution.WaitAsync"/>; the system clock when <see langword="null"/>.</param>
    /// <returns>A new client; dispose it when done.</returns>
    /// <exception cref="AwsConfigurationException">No credentials, or no region for SageMaker's endpoint, can be found.</exception>
    public static SageMakerClient FromEnvironment(Uri? endpoint = null, TimeProvider? timeProvider = null) =>
        Create(endpoint, Environment.GetEnvironmentVariable, resolver: null, timeProvider);

    /// <summary>The endpoint the environment names for SageMaker: <c>AWS_ENDPOINT_URL_SAGEMAKER</c>, else <c>AWS_ENDPOINT_URL</c>, unless <c>AWS_IGNORE_CONFIGURED_ENDPOINT_URLS</c> is <c>true</c>.</summary>
    /// <param name="environment">Reads an environment variable.</param>
    /// <returns>The endpoint, or <see langword="null"/> when none is set.</returns>
    /// <exception cref="AwsConfigurationException">The variable is not an absolute URI.</exception>
    public static Uri? EndpointFromEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (string.Equals(environment("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")?.Trim(), "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        foreach (var name in (string[])["AWS_ENDPOINT_URL_SAGEMAKER", "AWS_ENDPOINT_URL"])
        {
            if (environment(name)?.Trim() is { Length: > 0 } text)
            {
                return Uri.TryCreate(text, UriKind.Absolute, out var uri)
                    ? uri
                    : throw new AwsConfigurationException($"{name} is '{text}', which is not an absolute URI such as http://localhost:8080.");
            }
        }

        return null;
    }

    /// <summary>A client whose environment and files come from <paramref name="resolver"/> (tests), or from the process when <see langword="null"/>.</summary>
    internal static SageMakerClient Create(Uri? endpoint, Func<string, string?> environment, AwsCredentialsResolver? resolver, TimeProvider? timeProvider) =>
        new(new AwsClientOptions
        {
            Endpoint = endpoint ?? EndpointFromEnvironment(environment),
            Resolver = resolver,
            TimeProvider = timeProvider ?? TimeProvider.System,
        });
}
