namespace Sluice.Client.Http;

/// <summary>What distinguishes one AWS JSON-protocol service on the wire: its target prefix, JSON version, signing name and endpoint.</summary>
/// <param name="TargetPrefix">The <c>X-Amz-Target</c> prefix, e.g. <c>SageMaker</c> (the header is <c>SageMaker.&lt;Operation&gt;</c>).</param>
/// <param name="JsonVersion">The protocol version in the content type, <c>1.0</c> or <c>1.1</c>.</param>
/// <param name="SigningName">The service name in the SigV4 credential scope, e.g. <c>sagemaker</c>.</param>
/// <param name="EndpointHost">The regional host with a <c>{region}</c> placeholder, e.g. <c>api.sagemaker.{region}.amazonaws.com</c>.</param>
/// <param name="QueryCompatible">Whether the service was once a query-protocol service (SQS): requests then carry <c>x-amzn-query-mode: true</c>, as botocore sends it.</param>
public sealed record AwsJsonService(string TargetPrefix, string JsonVersion, string SigningName, string EndpointHost, bool QueryCompatible = false)
{
    /// <summary>SageMaker: <c>X-Amz-Target: SageMaker.&lt;Operation&gt;</c>, <c>application/x-amz-json-1.1</c>.</summary>
    public static AwsJsonService SageMaker { get; } = new("SageMaker", "1.1", "sagemaker", "api.sagemaker.{region}.amazonaws.com");

    /// <summary>SQS over its JSON protocol: <c>X-Amz-Target: AmazonSQS.&lt;Operation&gt;</c>, <c>application/x-amz-json-1.0</c>.</summary>
    public static AwsJsonService Sqs { get; } = new("AmazonSQS", "1.0", "sqs", "sqs.{region}.amazonaws.com", QueryCompatible: true);

    /// <summary>The request content type, e.g. <c>application/x-amz-json-1.1</c> (sent without a charset, since it is signed).</summary>
    public string ContentType => "application/x-amz-json-" + JsonVersion;

    /// <summary>The service's public HTTPS endpoint in a region (China regions use <c>amazonaws.com.cn</c>).</summary>
    /// <param name="region">The region, e.g. <c>us-east-1</c>.</param>
    /// <returns>The endpoint URI.</returns>
    public Uri DefaultEndpoint(string region)
    {
        var host = EndpointHost.Replace("{region}", region, StringComparison.Ordinal);
        if (region.StartsWith("cn-", StringComparison.Ordinal))
        {
            host += ".cn";
        }

        return new Uri("https://" + host + "/");
    }
}
