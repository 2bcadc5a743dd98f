using Sluice.Client.Credentials;
using Sluice.Client.Http;
using Sluice.Client.SageMaker;

namespace Sluice.Concourse.Configuration;

/// <summary>
/// Makes the SageMaker client a source describes. The endpoint is <c>source.endpoint</c>, else
/// <c>AWS_ENDPOINT_URL_SAGEMAKER</c> or <c>AWS_ENDPOINT_URL</c>, else SageMaker's. Credentials come from the source,
/// else the standard AWS environment variables and files; when there are none at all and an endpoint is named
/// (<c>sluice serve</c>, which accepts unsigned requests by default), requests go unsigned, and the log says so.
/// </summary>
internal static class SageMakerConnection
{
    private static readonly string[] EndpointVariables = ["AWS_ENDPOINT_URL_SAGEMAKER", "AWS_ENDPOINT_URL"];

    /// <summary>Creates the client.</summary>
    /// <param name="source">The checked source.</param>
    /// <param name="environment">Reads an environment variable (<c>AWS_*</c>, <c>HOME</c>).</param>
    /// <param name="log">Where to say how the requests are signed.</param>
    /// <returns>The client; the caller disposes it.</returns>
    /// <exception cref="ResourceException">No region or no credentials can be found, or an endpoint variable is not a URL; the message says where to set them.</exception>
    public static SageMakerClient Create(ResourceSource source, Func<string, string?> environment, TextWriter log)
    {
        var endpoint = source.Endpoint ?? EndpointFromEnvironment(environment);
        var resolver = new AwsCredentialsResolver(environment, environment("HOME"));
        var credentials = source.Credentials;
        var anonymous = false;
        if (credentials is null)
        {
            try
            {
                credentials = resolver.ResolveCredentials();
            }
            catch (AwsConfigurationException) when (endpoint is not null && IsUnset(environment, "AWS_ACCESS_KEY_ID") && IsUnset(environment, "AWS_SECRET_ACCESS_KEY"))
            {
                log.WriteLine($"No AWS credentials in the source or the environment: sending unsigned requests to {endpoint}.");
                anonymous = true;
            }
            catch (AwsConfigurationException e)
            {
                throw new ResourceException($"no AWS credentials: set source.access_key_id and source.secret_access_key. {e.Message}", e);
            }
        }

        try
        {
            return new SageMakerClient(new AwsClientOptions
            {
                Endpoint = endpoint,
                Region = source.Region,
                Credentials = credentials,
                Anonymous = anonymous,
                Resolver = resolver,
            });
        }
        catch (AwsConfigurationException e)
        {
            throw new ResourceException($"no AWS region: set source.region, give source.pipeline as an ARN, or set AWS_REGION. {e.Message}", e);
        }
    }

    private static Uri? EndpointFromEnvironment(Func<string, string?> environment)
    {
        foreach (var variable in EndpointVariables)
        {
            if (environment(variable) is { Length: > 0 } text)
            {
                return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                    ? uri
                    : throw new ResourceException($"the environment variable {variable} '{text}' is not an http:// or https:// URL.");
            }
        }

        return null;
    }

    private static bool IsUnset(Func<string, string?> environment, string name) => string.IsNullOrEmpty(environment(name));
}
