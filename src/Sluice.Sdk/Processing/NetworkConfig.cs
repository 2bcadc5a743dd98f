using System.Text.Json.Nodes;
using Sluice.Sdk.Serialization;

namespace Sluice.Sdk.Processing;

/// <summary>A processing job's networking (the Python SDK's <c>NetworkConfig</c>): <c>{"EnableNetworkIsolation", "EnableInterContainerTrafficEncryption", "VpcConfig"}</c>.</summary>
public sealed record NetworkConfig
{
    /// <summary>Whether the containers run without network access; <see langword="false"/> unless set.</summary>
    public bool EnableNetworkIsolation { get; init; }

    /// <summary>Whether traffic between the containers is encrypted.</summary>
    public bool? EncryptInterContainerTraffic { get; init; }

    /// <summary>The VPC security groups.</summary>
    public IReadOnlyList<string>? SecurityGroupIds { get; init; }

    /// <summary>The VPC subnets.</summary>
    public IReadOnlyList<string>? Subnets { get; init; }

    internal JsonObject Write()
    {
        var config = new JsonObject { ["EnableNetworkIsolation"] = EnableNetworkIsolation }.Put("EnableInterContainerTrafficEncryption", EncryptInterContainerTraffic);
        if (SecurityGroupIds is not null || Subnets is not null)
        {
            var vpc = new JsonObject();
            if (SecurityGroupIds is not null)
            {
                vpc["SecurityGroupIds"] = Json.Strings(SecurityGroupIds);
            }

            if (Subnets is not null)
            {
                vpc["Subnets"] = Json.Strings(Subnets);
            }

            config["VpcConfig"] = vpc;
        }

        return config;
    }
}
